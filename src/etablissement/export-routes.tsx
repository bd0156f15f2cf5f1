import { Hono } from 'hono';
import { sql, type Kysely } from 'kysely';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import type { Database } from '../db/schema.js';
import { trackLabel, type TrackCode } from '../domain/catalogue.js';
import { CSV_BOM, csvLine } from '../domain/csv.js';
import { OPINION_LABELS, PROPOSAL_ANSWER_LABELS, type Opinion, type ProposalAnswer } from '../domain/file.js';
import { authorize } from '../domain/rights.js';
import { summarizeWish, type WishDetails } from '../domain/wishes.js';

const COLUMNS = [
  'Division',
  'INE',
  'Nom',
  'Prénom',
  'Phase',
  'Rang',
  'Voie',
  'Précisions',
  'Réponse du conseil',
  'Voies recommandées ou proposées par le conseil',
  'Réponse de la famille',
  'Accord du second représentant',
  'Décision',
  'Étape du dossier',
];

const PHASE_LABELS = { provisional: 'Intentions', final: 'Choix définitifs' } as const;
const OUTCOME_LABELS: Record<string, string> = {
  pending: 'en cours',
  decided: 'décision',
  dialogue: 'en dialogue',
  interviewed: 'en dialogue : entretien',
  headDecided: 'décision du chef d’établissement',
  appealed: 'appel',
  commissionDecided: 'décision de la commission d’appel',
  maintained: 'maintien',
};
const ACCORD_LABELS: Record<string, string> = {
  notNeeded: 'non demandé',
  pending: 'en attente',
  agreed: 'accord',
  disagreed: 'désaccord',
  presumed: 'accord présumé',
  missing: 'sans réponse',
};

type ExportRow = {
  id: number;
  division: string;
  ine: string | null;
  last_name: string;
  first_name: string;
  outcome_status: string | null;
  accord_status: string | null;
  wishes: Array<{ phase: 'provisional' | 'final'; rank: number; track: string; details: Record<string, unknown> }> | null;
  answers: Array<{ phase: string; rank: number; answer: string }> | null;
  summaries: Array<{ phase: string; tracks: string[] }> | null;
  response: { kind: string; tracks: string[] } | null;
  decision: { tracks: string[] | null } | null;
};

const BATCH = 500;
const label = (track: string) => trackLabel(track as TrackCode);

/** One batch of pupils (keyset by id), each with their whole file as JSON: one query a batch. */
async function batchAfter(db: Kysely<Database>, schoolId: number, divisionId: number | null, afterId: number): Promise<ExportRow[]> {
  const result = await sql<ExportRow>`
    select p.id, d.name as division, p.ine, p.last_name, p.first_name, f.outcome_status, f.accord_status,
      (select jsonb_agg(jsonb_build_object('phase', w.phase, 'rank', w.rank, 'track', w.track, 'details', w.details) order by w.phase desc, w.rank) from wish w where w.file_id = f.id) as wishes,
      (select jsonb_agg(jsonb_build_object('phase', a.phase, 'rank', a.rank, 'answer', a.answer)) from council_answer a where a.file_id = f.id) as answers,
      (select jsonb_agg(jsonb_build_object('phase', s.phase, 'tracks', s.tracks)) from council_summary s where s.file_id = f.id) as summaries,
      (select jsonb_build_object('kind', r.kind, 'tracks', r.tracks) from family_response r where r.file_id = f.id) as response,
      (select jsonb_build_object('tracks', coalesce(o.tracks, '[]'::jsonb)) from outcome_record o where o.file_id = f.id
         and o.kind in ('decision', 'head_decision', 'commission_decision') order by o.occurred_at desc limit 1) as decision
    from pupil p
    join division d on d.id = p.division_id
    left join campaign c on c.school_id = p.school_id and c.level = d.level and c.school_year = d.school_year
    left join pupil_file f on f.pupil_id = p.id and f.campaign_id = c.id
    where p.school_id = ${schoolId} and p.id > ${afterId} ${divisionId === null ? sql`` : sql`and p.division_id = ${divisionId}`}
    order by p.id
    limit ${BATCH}`.execute(db);
  return result.rows;
}

function linesOf(row: ExportRow): string {
  const response = row.response ? (row.response.kind === 'refused' ? 'aucune proposition acceptée' : `accepte : ${row.response.tracks.map(label).join(', ')}`) : '';
  const decision = row.decision ? (row.decision.tracks ?? []).map(label).join(', ') : '';
  const common = {
    response,
    accord: row.accord_status ? (ACCORD_LABELS[row.accord_status] ?? row.accord_status) : '',
    decision,
    stage: OUTCOME_LABELS[row.outcome_status ?? 'pending'] ?? '',
  };
  const identity = [row.division, row.ine, row.last_name, row.first_name];
  const wishes = row.wishes ?? [];
  if (wishes.length === 0) return csvLine([...identity, '', '', '', '', '', '', common.response, common.accord, common.decision, common.stage]);
  return wishes
    .map((wish) => {
      const summary = summarizeWish({ ...(wish.details as object), track: wish.track } as WishDetails, new Set());
      const answer = row.answers?.find((a) => a.phase === wish.phase && a.rank === wish.rank)?.answer;
      const answerLabel = answer ? (wish.phase === 'provisional' ? OPINION_LABELS[answer as Opinion] : PROPOSAL_ANSWER_LABELS[answer as ProposalAnswer]) : '';
      const council = (row.summaries?.find((s) => s.phase === wish.phase)?.tracks ?? []).map(label).join(', ');
      return csvLine([
        ...identity,
        PHASE_LABELS[wish.phase],
        wish.rank,
        summary.title,
        summary.lines.join(' ; '),
        answerLabel,
        council,
        wish.phase === 'final' ? common.response : '',
        wish.phase === 'final' ? common.accord : '',
        wish.phase === 'final' ? common.decision : '',
        common.stage,
      ]);
    })
    .join('');
}

export function exportRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/etablissement/export.csv', requireRole('staff'), async (c) => {
    const { db } = c.get('deps');
    const staff = c.get('user')!.staff!;
    if (!authorize({ kind: 'staff', staffId: staff.id, schoolId: staff.schoolId, role: staff.role }, { action: 'manageSchool', schoolId: staff.schoolId }).allowed) return c.notFound();
    const rawDivision = c.req.query('division') ?? '';
    let divisionId: number | null = null;
    let fileName = 'orientation-etablissement.csv';
    if (rawDivision !== '') {
      const division = /^[1-9][0-9]{0,9}$/.test(rawDivision)
        ? await db.selectFrom('division').select(['id', 'name']).where('id', '=', Number(rawDivision)).where('school_id', '=', staff.schoolId).executeTakeFirst()
        : undefined;
      if (!division) return c.notFound();
      divisionId = division.id;
      fileName = `orientation-${division.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.csv`;
    }

    // Streamed a batch at a time: a 3 000-pupil school never sits whole in memory.
    const encoder = new TextEncoder();
    let afterId = 0;
    let started = false;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            controller.enqueue(encoder.encode(CSV_BOM + csvLine(COLUMNS)));
            return;
          }
          const rows = await batchAfter(db, staff.schoolId, divisionId, afterId);
          if (rows.length === 0) {
            controller.close();
            return;
          }
          afterId = rows[rows.length - 1]!.id;
          controller.enqueue(encoder.encode(rows.map(linesOf).join('')));
        } catch (error) {
          controller.error(error);
        }
      },
    });
    return c.body(stream, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
    });
  });

  return app;
}
