import type { FamilyMember } from '../domain/actor.js';
import { calendarSituation, type WindowName } from '../domain/calendar.js';
import { formatDateTime } from '../domain/dates.js';
import type { PupilFile } from '../domain/file.js';
import { summarizeWish, type Wish } from '../domain/wishes.js';
import type { StoredFile } from './load.js';
import type { PupilHeader, StepView, TileView, WishView } from '../../views/famille/orientation-types.js';

/** Turns the domain's file into the plain strings the family views lay out. */

export function pupilHeader(stored: StoredFile): PupilHeader {
  const { pupil } = stored;
  return { pupilId: pupil.id, firstName: pupil.firstName, lastName: pupil.lastName, divisionName: pupil.divisionName, schoolName: pupil.schoolName, level: pupil.level };
}

export function wishViews(wishes: readonly Wish[], offer: ReadonlySet<string>): WishView[] {
  return [...wishes]
    .sort((a, b) => a.rank - b.rank)
    .map((wish, index) => {
      const summary = summarizeWish(wish, offer);
      return { rank: index + 1, title: summary.title, lines: [...summary.lines] };
    });
}

export function stepViews(file: PupilFile): StepView[] {
  const decisionStep = file.outcome.status !== 'pending' || ['published', 'answered', 'unanswered'].includes(file.final.status);
  const choicesStep = !decisionStep && (file.provisional.status === 'acknowledged' || file.final.status !== 'empty');
  const current = decisionStep ? 3 : choicesStep ? 2 : 1;
  return [
    { number: 1, label: 'Intentions provisoires', current: current === 1 },
    { number: 2, label: 'Choix définitifs', current: current === 2 },
    { number: 3, label: 'Décision', current: current === 3 },
  ];
}

const OPEN_SENTENCES: Record<WindowName, string> = {
  intentions: 'La saisie des intentions est ouverte',
  acknowledgement: "La consultation et l'accusé de réception de l'avis provisoire sont ouverts",
  choices: 'La saisie des choix définitifs est ouverte',
  response: 'La réponse aux propositions du conseil de classe est ouverte',
};

export function calendarViews(file: PupilFile, now: Date): { tiles: TileView[]; nowText: string } {
  const tz = file.campaign.timeZone;
  const fmt = (date: Date) => formatDateTime(date, tz);
  const situation = calendarSituation(file.campaign, now);
  const tiles = situation.tiles.map((tile): TileView => {
    let statusText: string;
    switch (tile.status) {
      case 'open':
        statusText = tile.closesAt ? `Ouvert jusqu'au ${fmt(tile.closesAt)}` : 'Ouvert';
        break;
      case 'upcoming':
        statusText = `À venir : du ${fmt(tile.opensAt!)}${tile.closesAt ? ` au ${fmt(tile.closesAt)}` : ''}`;
        break;
      case 'closed':
        statusText = tile.closesAt ? `Terminé depuis le ${fmt(tile.closesAt)}` : 'Terminé';
        break;
      case 'unscheduled':
        statusText = "Dates pas encore fixées par l'établissement";
        break;
    }
    return { phase: tile.phase, title: tile.title, period: tile.period, statusText, current: tile.current, open: tile.status === 'open' };
  });
  let nowText: string;
  if (situation.open.length > 0) {
    nowText = situation.open
      .map((name) => {
        const closesAt = file.campaign.windows[name].closesAt;
        return `${OPEN_SENTENCES[name]}${closesAt ? ` jusqu'au ${fmt(closesAt)}` : ''}.`;
      })
      .join(' ');
  } else if (situation.next) {
    const tile = situation.tiles.find((t) => t.window === situation.next!.window)!;
    nowText = `Aucune saisie n'est ouverte en ce moment. Prochaine étape : ${tile.title} (${tile.phase.toLowerCase()}), à partir du ${fmt(situation.next.opensAt)}.`;
  } else if (situation.past.length > 0) {
    nowText = "Aucune saisie n'est ouverte en ce moment : le calendrier de cette année est terminé.";
  } else {
    nowText = "L'établissement n'a pas encore fixé le calendrier de la procédure d'orientation.";
  }
  return { tiles, nowText };
}

/** « Sophie Martin », or the pupil's name for an adult pupil. */
export function memberName(stored: StoredFile, member: FamilyMember | null): string | null {
  if (!member) return null;
  if (member.kind === 'pupil') return `${stored.pupil.firstName} ${stored.pupil.lastName}`;
  const representative = stored.representatives.find((r) => r.id === member.id);
  return representative ? `${representative.firstName} ${representative.lastName}` : null;
}
