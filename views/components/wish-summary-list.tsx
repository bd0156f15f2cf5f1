import type { WishView } from '../famille/orientation-types.js';

/** The récapitulatif of a list of wishes: rank, voie, then its details. */
export function WishSummaryList({ wishes, item }: { wishes: WishView[]; item: string }) {
  return (
    <ol class="wish-recap">
      {wishes.map((wish) => (
        <li class="wish-recap__item">
          <p class="wish-recap__title">
            <strong>
              {item} {wish.rank} :
            </strong>{' '}
            {wish.title}
          </p>
          {wish.lines.length > 0 ? (
            <ul class="wish-recap__lines">
              {wish.lines.map((line) => (
                <li>{line}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
