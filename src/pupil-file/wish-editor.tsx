import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import { sameMember, type Actor, type FamilyMember } from '../domain/actor.js';
import { LABORATORY_SPECIALTIES, VOCATIONAL_DETAILS, VOCATIONAL_ROUTES, specialtyChoices, tracksForLevel } from '../domain/catalogue.js';
import { formatDateTime } from '../domain/dates.js';
import type { FieldError } from '../domain/field-error.js';
import { transitionRefusal, validateChoices, validateIntentions, type TransitionName } from '../domain/file.js';
import { SPECIALTY_COUNTS, WISH_LIMITS, validateWishes, type Phase, type Wish } from '../domain/wishes.js';
import type { HistoryActor } from '../history/history.js';
import { renderPage, type PageOptions } from '../http/render.js';
import { mailsFor } from '../mail/effects.js';
import type { AddFormValues, AddFormView, EditorView, Viewer } from '../../views/famille/orientation-types.js';
import { PHASE_WORDING } from '../../views/famille/phase-wording.js';
import { ADD_DIALOG_ID, WishEditor, WishEditorPage } from '../../views/famille/wish-editor.js';
import { ADD_FIELD_IDS, AddWishForm, AddWishPage } from '../../views/famille/wish-add-form.js';
import { applyTransition } from './apply.js';
import { loadPupilFile, type StoredFile } from './load.js';
import { pupilHeader, stepViews, wishViews } from './present.js';
import { CONCURRENT_CHANGE_MESSAGE } from './save.js';
import { deleteDraft, loadDraft, saveDraft, type DraftKey, type WishDraft } from './wish-draft.js';

// The list editor of a phase (intentions, choix définitifs): a draft kept on the server, « Ajouter »,
// move and delete, « Valider ». Shared by the family's pages (src/famille) and the school's paper
// entry (src/etablissement), each mounting it with its own access rule (EditorAccess).

/** What a request on one pupil's file knows once access is granted. */
export type FileRequest = {
  stored: StoredFile;
  actor: Actor;
  member: FamilyMember;
  history: HistoryActor;
  viewer: Viewer;
  accountId: number;
  basePath: string;
  now: Date;
  /** Set when the school enters a family's paper form: the name of the person who signed it. */
  paperSigner?: string;
};

/** Where a wish editor is mounted and who may open it: the family's own pages, or the school's paper entry. */
export type EditorAccess = {
  prefix: string;
  guard: MiddlewareHandler<AppEnv>;
  open: (c: Context<AppEnv>) => Promise<FileRequest | Response>;
};

export const pupilIdParam = (raw: string | undefined): number | null => (raw && /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : null);

const isHtmx = (c: Context<AppEnv>) => c.req.header('HX-Request') === 'true';

export const fullName = (r: FileRequest) => `${r.stored.pupil.firstName} ${r.stored.pupil.lastName}`;

/** A whole page, or for htmx the fragment of the same view that changed. */
export function respond(c: Context<AppEnv>, options: PageOptions, page: Child, fragment: Child, headers: Record<string, string> = {}): Response {
  c.header('Vary', 'HX-Request');
  if (isHtmx(c)) {
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    return c.html(String(fragment), options.status ?? 200);
  }
  return renderPage(c, options, page);
}

const PHASE_TRANSITION: Record<Phase, TransitionName> = { provisional: 'validateIntentions', final: 'validateChoices' };

export const phaseOf = (file: StoredFile['file'], phase: Phase) => (phase === 'provisional' ? file.provisional : file.final);

/** A wish as comparable text: keys sorted (jsonb reorders them), rank left out (the list order says it). */
const canonical = (wish: Wish): string => {
  const { rank: _rank, ...rest } = wish as Wish & Record<string, unknown>;
  return JSON.stringify(Object.keys(rest).sort().map((name) => [name, (rest as Record<string, unknown>)[name] ?? null]));
};
const sameList = (a: readonly Wish[], b: readonly Wish[]) =>
  JSON.stringify(a.map(canonical)) === JSON.stringify([...b].sort((x, y) => x.rank - y.rank).map(canonical));

type Flash = { code: string; rank: number | null };

function flashOf(c: Context<AppEnv>): Flash | null {
  const code = c.req.query('fait');
  if (!code) return null;
  const rank = pupilIdParam(c.req.query('rang'));
  return { code, rank };
}

function editorView(r: FileRequest, phase: Phase, draft: WishDraft | null, extra: { errors?: FieldError[]; flash?: Flash | null } = {}): EditorView {
  const { stored, actor, now, member } = r;
  const { file } = stored;
  const words = PHASE_WORDING[phase];
  const state = phaseOf(file, phase);
  const refusal = transitionRefusal(PHASE_TRANSITION[phase], file, actor, now);
  const canEdit = refusal === null;
  const validated = state.validatedAt !== null;
  const mode: EditorView['mode'] = canEdit && (draft !== null || !validated) ? 'edit' : canEdit ? 'recap' : 'readonly';
  const list = mode === 'edit' ? (draft?.wishes ?? []) : state.wishes;
  const wishes = wishViews(list, stored.offer);
  const max = WISH_LIMITS[file.campaign.level].max;
  const notAuthor = validated && state.author !== null && !sameMember(state.author, member);
  const closesAt = file.campaign.windows[phase === 'provisional' ? 'intentions' : 'choices'].closesAt;
  let flash: EditorView['flash'] = null;
  const f = extra.flash;
  if (f) {
    const rank = f.rank ?? 0;
    const texts: Record<string, [string, string | null]> = {
      ajout: [words.added(rank), `voeu-${rank}`],
      deplacement: [words.moved(rank), rank > 1 ? `monter-${rank}` : `descendre-${rank}`],
      suppression: [words.removed, wishes.length > 0 ? 'voeu-1' : 'ajouter'],
      annulation: [words.dropped, null],
      validation: [
        r.paperSigner
          ? phase === 'provisional' ? 'Les intentions du formulaire papier ont bien été validées' : 'Les choix définitifs du formulaire papier ont bien été validés'
          : phase === 'provisional' ? 'Vos intentions ont bien été validées' : 'Vos choix définitifs ont bien été validés',
        null,
      ],
      modification: ['Vous pouvez modifier la liste puis la valider de nouveau', 'ajouter'],
      accuse: ["Votre accusé de réception de l'avis provisoire est enregistré. Vous pouvez maintenant formuler les choix définitifs", 'ajouter'],
    };
    const entry = texts[f.code];
    if (entry) flash = { text: entry[0], focusId: entry[1] ?? 'resultat' };
  }
  return {
    pupil: pupilHeader(stored),
    basePath: r.basePath,
    phase,
    mode,
    wishes,
    maxWishes: max,
    dirty: mode === 'edit' && draft !== null && !sameList(draft.wishes, state.wishes),
    canAdd: wishes.length < max,
    canModify: mode === 'recap',
    modifyUntil: closesAt ? formatDateTime(closesAt, file.campaign.timeZone) : null,
    showValidated: mode === 'recap',
    readOnlyReason: mode !== 'readonly' ? null : notAuthor || r.viewer === 'pupil' ? (validated ? words.authorOnly : refusal) : refusal,
    errors: extra.errors ?? [],
    flash,
    steps: stepViews(file),
    paperSigner: r.paperSigner ?? null,
  };
}

const EMPTY_VALUES: AddFormValues = { track: '', series: '', occupation: '', schoolStatus: false, apprenticeStatus: false, specialties: [], laboratorySpecialty: '', vocationalRoute: '' };

function addFormView(r: FileRequest, phase: Phase, rank: number, values: AddFormValues = EMPTY_VALUES, errors: FieldError[] = []): AddFormView {
  const { stored } = r;
  const level = stored.file.campaign.level;
  return {
    pupil: pupilHeader(stored),
    basePath: r.basePath,
    phase,
    level,
    rank,
    tracks: tracksForLevel(level).map((t) => ({ code: t.code, label: t.label, help: t.help, details: t.details, seriesLabel: t.seriesLabel })),
    specialtyChoices: specialtyChoices(stored.offer).map((s) => ({ code: s.code, label: s.label })),
    specialtySlots: phase === 'provisional' ? SPECIALTY_COUNTS.provisionalWithOutsideSchool : SPECIALTY_COUNTS.final,
    laboratorySpecialties: LABORATORY_SPECIALTIES.map((s) => ({ code: s.code, label: s.label })),
    vocationalRoutes: VOCATIONAL_ROUTES.map((v) => ({ code: v.code, label: v.label })),
    vocational: VOCATIONAL_DETAILS,
    values,
    errors,
    steps: stepViews(stored.file),
  };
}

const one = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().max(1000).optional()).transform((v) => v ?? '');
const many = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(40)).max(10));
const addSchema = z.object({
  track: one,
  series: one,
  occupation: one,
  schoolStatus: one,
  apprenticeStatus: one,
  specialties: many,
  laboratorySpecialty: one,
  vocationalRoute: one,
});
const listActionSchema = z.object({ action: z.string().regex(/^(monter|descendre|supprimer)-[1-9][0-9]?$/) });

const INVALID_FORM = 'Le formulaire envoyé est invalide. Rechargez la page et recommencez.';

/** Where the draft starts: the draft itself, else a copy of what is validated. */
function currentDraft(r: FileRequest, phase: Phase, draft: WishDraft | null): WishDraft {
  return draft ?? { wishes: [...phaseOf(r.stored.file, phase).wishes].sort((a, b) => a.rank - b.rank), baseVersion: r.stored.version };
}

function toEntry(values: AddFormValues): Record<string, unknown> {
  return {
    track: values.track,
    series: values.series,
    occupation: values.occupation,
    schoolStatus: values.schoolStatus,
    apprenticeStatus: values.apprenticeStatus,
    specialties: values.specialties,
    laboratorySpecialty: values.laboratorySpecialty,
    vocationalRoute: values.vocationalRoute,
  };
}

/** The posted values, kept to show the form again. */
function formValues(data: z.output<typeof addSchema>): AddFormValues {
  return {
    track: data.track,
    series: data.series,
    occupation: data.occupation,
    schoolStatus: data.schoolStatus === 'oui',
    apprenticeStatus: data.apprenticeStatus === 'oui',
    specialties: data.specialties,
    laboratorySpecialty: data.laboratorySpecialty,
    vocationalRoute: data.vocationalRoute,
  };
}

/** Errors of the list as the editor shows them: each links to its wish, or to the add button. */
function listErrors(errors: readonly FieldError[]): FieldError[] {
  return errors.map((error) => {
    const index = /^wishes\.(\d+)/.exec(error.field)?.[1];
    return { field: index === undefined ? 'ajouter' : `voeu-${Number(index) + 1}`, message: error.message };
  });
}

export function registerWishEditor(app: Hono<AppEnv>, phase: Phase, access: EditorAccess) {
  const words = PHASE_WORDING[phase];
  const segment = `${access.prefix}/${words.segment}`;
  const transitionName = PHASE_TRANSITION[phase];
  const transition = phase === 'provisional' ? validateIntentions : validateChoices;
  const family = access.guard;
  const editorPath = (r: FileRequest) => `${r.basePath}/${words.segment}`;
  const key = (r: FileRequest): DraftKey => ({ accountId: r.accountId, pupilId: r.stored.pupil.id, phase });
  const title = (r: FileRequest) => `${words.pageTitle} — ${fullName(r)}`;

  const showEditor = (c: Context<AppEnv>, r: FileRequest, view: EditorView, status: PageOptions['status'] = 200) =>
    respond(c, { title: title(r), status, hasErrors: view.errors.length > 0 }, <WishEditorPage view={view} />, <WishEditor view={view} />);

  /** Refuses a write when the rules say this person cannot edit now: the editor again, with the reason. */
  const refusal = async (c: Context<AppEnv>, r: FileRequest): Promise<Response | null> => {
    const reason = transitionRefusal(transitionName, r.stored.file, r.actor, r.now);
    if (reason === null) return null;
    const view = editorView(r, phase, null, { errors: [{ field: 'editeur', message: reason }] });
    return showEditor(c, r, view, 403);
  };

  app.get(segment, family, async (c) => {
    const r = await access.open(c);
    if (r instanceof Response) return r;
    if (phase === 'final' && !r.paperSigner && transitionRefusal('acknowledgeOpinions', r.stored.file, r.actor, r.now) === null) {
      // Seed 002: whoever connects for the choix définitifs acknowledges the avis provisoire first.
      return c.redirect(`${r.basePath}/avis-provisoire?suite=choix-definitifs`, 303);
    }
    const draft = await loadDraft(c.get('deps').db, key(r));
    return showEditor(c, r, editorView(r, phase, draft, { flash: flashOf(c) }));
  });

  app.get(`${segment}/ajouter`, family, async (c) => {
    const r = await access.open(c);
    if (r instanceof Response) return r;
    const refused = await refusal(c, r);
    if (refused) return refused;
    const draft = currentDraft(r, phase, await loadDraft(c.get('deps').db, key(r)));
    if (draft.wishes.length >= WISH_LIMITS[r.stored.file.campaign.level].max) return c.redirect(editorPath(r), 303);
    const view = addFormView(r, phase, draft.wishes.length + 1);
    return respond(c, { title: `${words.add} — ${fullName(r)}` }, <AddWishPage view={view} />, <AddWishForm view={view} inDialog={true} />);
  });

  app.post(`${segment}/ajouter`, family, async (c) => {
    const r = await access.open(c);
    if (r instanceof Response) return r;
    const refused = await refusal(c, r);
    if (refused) return refused;
    const { db } = c.get('deps');
    const draft = currentDraft(r, phase, await loadDraft(db, key(r)));
    const parsed = addSchema.safeParse(await c.req.parseBody({ all: true }));
    const values = parsed.success ? formValues(parsed.data) : EMPTY_VALUES;
    const rank = draft.wishes.length + 1;
    let errors: FieldError[];
    if (!parsed.success) {
      errors = [{ field: 'track', message: INVALID_FORM }];
    } else {
      const list = [...draft.wishes.map((wish, index) => ({ ...wish, rank: index + 1 })), { ...toEntry(values), rank }];
      const result = validateWishes(list, { level: r.stored.file.campaign.level, phase, offer: r.stored.offer });
      if (result.ok) {
        await saveDraft(db, key(r), { wishes: [...result.list.wishes], baseVersion: draft.baseVersion }, r.now);
        return c.redirect(`${editorPath(r)}?fait=ajout&rang=${rank}`, 303);
      }
      errors = result.errors.map((error) => {
        const match = /^wishes\.(\d+)\.(\w+)/.exec(error.field);
        const field = match && Number(match[1]) === rank - 1 && match[2]! in ADD_FIELD_IDS ? match[2]! : 'track';
        return { field, message: error.message };
      });
      errors = errors.filter((error, index) => errors.findIndex((e) => e.message === error.message && e.field === error.field) === index);
    }
    const view = addFormView(r, phase, rank, values, errors);
    return respond(
      c,
      { title: `${words.add} — ${fullName(r)}`, status: 422, hasErrors: true },
      <AddWishPage view={view} />,
      <AddWishForm view={view} inDialog={true} />,
      { 'HX-Retarget': `#${ADD_DIALOG_ID}-corps`, 'HX-Reswap': 'innerHTML' },
    );
  });

  app.post(`${segment}/liste`, family, async (c) => {
    const r = await access.open(c);
    if (r instanceof Response) return r;
    const refused = await refusal(c, r);
    if (refused) return refused;
    const { db } = c.get('deps');
    const stored = await loadDraft(db, key(r));
    const draft = currentDraft(r, phase, stored);
    const parsed = listActionSchema.safeParse(await c.req.parseBody());
    const [verb, rankText] = parsed.success ? parsed.data.action.split('-') : [];
    const index = Number(rankText) - 1;
    const target = parsed.success ? draft.wishes[index] : undefined;
    if (!target) {
      const message = parsed.success ? `Il n'y a plus de ${words.item.toLowerCase()} de rang ${rankText} : la liste a changé.` : INVALID_FORM;
      return showEditor(c, r, editorView(r, phase, stored, { errors: [{ field: 'ajouter', message }] }), 422);
    }
    const wishes = [...draft.wishes];
    let newRank: number | null = null;
    if (verb === 'supprimer') {
      wishes.splice(index, 1);
    } else {
      const to = verb === 'monter' ? index - 1 : index + 1;
      if (to < 0 || to >= wishes.length) {
        return showEditor(c, r, editorView(r, phase, stored, { errors: [{ field: `voeu-${index + 1}`, message: `Ce ${words.item.toLowerCase()} ne peut pas être déplacé dans ce sens.` }] }), 422);
      }
      wishes.splice(index, 1);
      wishes.splice(to, 0, target);
      newRank = to + 1;
    }
    await saveDraft(db, key(r), { wishes, baseVersion: draft.baseVersion }, r.now);
    return c.redirect(newRank === null ? `${editorPath(r)}?fait=suppression` : `${editorPath(r)}?fait=deplacement&rang=${newRank}`, 303);
  });

  app.post(`${segment}/annuler`, family, async (c) => {
    const r = await access.open(c);
    if (r instanceof Response) return r;
    await deleteDraft(c.get('deps').db, key(r));
    return c.redirect(`${editorPath(r)}?fait=annulation`, 303);
  });

  app.post(`${segment}/modifier`, family, async (c) => {
    const r = await access.open(c);
    if (r instanceof Response) return r;
    const refused = await refusal(c, r);
    if (refused) return refused;
    const { db } = c.get('deps');
    const existing = await loadDraft(db, key(r));
    if (!existing) await saveDraft(db, key(r), currentDraft(r, phase, null), r.now);
    return c.redirect(`${editorPath(r)}?fait=modification`, 303);
  });

  app.post(`${segment}/valider`, family, async (c) => {
    const r = await access.open(c);
    if (r instanceof Response) return r;
    const refused = await refusal(c, r);
    if (refused) return refused;
    const { db } = c.get('deps');
    const draft = await loadDraft(db, key(r));
    const state = phaseOf(r.stored.file, phase);
    if (draft && draft.baseVersion !== r.stored.version && state.validatedAt !== null && state.author !== null && !sameMember(state.author, r.member)) {
      return showEditor(c, r, editorView(r, phase, draft, { errors: [{ field: 'editeur', message: CONCURRENT_CHANGE_MESSAGE }] }), 409);
    }
    const list = currentDraft(r, phase, draft).wishes.map((wish, index) => ({ ...wish, rank: index + 1 }));
    const result = validateWishes(list, { level: r.stored.file.campaign.level, phase, offer: r.stored.offer });
    if (!result.ok) return showEditor(c, r, editorView(r, phase, draft, { errors: listErrors(result.errors) }), 422);
    const applied = await applyTransition(db, {
      pupilId: r.stored.pupil.id,
      name: transitionName,
      transition: (file) => transition(file, r.actor, r.now, result.list),
      actor: r.history,
      at: r.now,
      stored: r.stored,
      alongside: mailsFor(transitionName, c.get('deps').config.publicOrigin, r.now),
    });
    if (!applied.ok) {
      // Read again: another representative may have validated meanwhile.
      const fresh = await loadPupilFile(db, r.stored.pupil.id);
      const next = fresh ? { ...r, stored: fresh } : r;
      return showEditor(c, next, editorView(next, phase, draft, { errors: [{ field: 'editeur', message: applied.reason }] }), applied.concurrent ? 409 : 422);
    }
    await deleteDraft(db, key(r));
    return c.redirect(`${editorPath(r)}?fait=validation`, 303);
  });
}
