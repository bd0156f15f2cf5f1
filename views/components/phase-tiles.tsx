import type { TileView } from '../famille/orientation-types.js';

/** The four tiles of the campaign calendar, the current one marked. */
export function PhaseTiles({ tiles }: { tiles: TileView[] }) {
  return (
    <ul class="tiles">
      {tiles.map((tile) => (
        <li class={tile.current ? 'tile tile--current' : 'tile'}>
          <p class="tile__phase">{tile.phase}</p>
          <h3 class="tile__title">
            {tile.title}
            {tile.current ? <span class="tile__badge"> (étape en cours)</span> : null}
          </h3>
          <p class="tile__period">{tile.period}</p>
          <p class={tile.open ? 'tile__status tile__status--open' : 'tile__status'}>{tile.statusText}</p>
        </li>
      ))}
    </ul>
  );
}
