import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import type { Database } from '../db/schema.js';
import {
  birthDatesMatch,
  CHALLENGE_MESSAGES,
  challengeState,
  parseBirthDate,
  triesLeft,
  verificationSmsText,
  MAX_BIRTH_DATE_TRIES,
  MAX_CODE_TRIES,
} from '../domain/account-challenge.js';
import { firstFreeLogin, loginBase } from '../domain/accounts.js';
import { MIN_PASSWORD_LENGTH } from '../domain/password-policy.js';
import { maskedMobileNumber, normaliseMobileNumber } from '../domain/phone.js';
import { recordHistory } from '../history/history.js';
import { clientAddress } from '../http/client-address.js';
import { formFields } from '../http/form.js';
import { renderPage } from '../http/render.js';
import { insertSms } from '../mail/outbox.js';
import type { FieldError } from '../../views/components/error-summary.js';
import { CodePage, FlowEndPage } from '../../views/auth/activation-code-page.js';
import { ActivationStartPage, ActivationWithoutMobilePage } from '../../views/auth/activation-start-page.js';
import { BirthDatesPage, birthDateFieldId } from '../../views/auth/activation-birth-dates-page.js';
import { ActivationDonePage, ChoosePasswordPage } from '../../views/auth/activation-password-page.js';
import {
  challengeOfFlow,
  childrenOf,
  clearFlowCookie,
  codeMatches,
  findRepresentative,
  insertChallenge,
  markIdentityChecked,
  markUsed,
  markVerified,
  newFlowSecret,
  readFlowCookie,
  recordBirthDateFailure,
  recordCodeFailure,
  requestLimit,
  writeFlowCookie,
  type Challenge,
} from './challenge.js';
import { invalidFormError, MISSING_CODE_ERROR, nameErrors, nameFields, readCode, readNewPassword } from './challenge-forms.js';
import { writeSessionCookie } from './cookie.js';
import { homePath } from './current-user.js';
import { completeFederationLink, readPendingFederationLink } from './federation/link.js';
import { hashPassword } from './password.js';
import { createSession, invalidateUserSessions } from './session.js';

// « Je n'ai pas de compte » (seed 004): name and mobile number as the school knows them → a code by
// SMS → the birth date of each child → a password; the identifier is shown. The same steps link an
// identity of an OpenID Connect provider that is not linked yet (purpose 'federation_link').

const CODE_HEADING = 'Saisie du code d’activation reçu par SMS';
const RESTART = '/activation?etat=expire';

const startForm = z.object({ ...nameFields, telephone: z.string().max(30).default('') });

/** These pages are for people who are not signed in: a signed-in person goes home. */
export const anonymousOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.get('user');
  if (user) return c.redirect(homePath(user), 303);
  await next();
};

const isActivation = (challenge: Challenge | null): challenge is Challenge =>
  challenge !== null && (challenge.purpose === 'activation' || challenge.purpose === 'federation_link');

async function currentChallenge(c: Context<AppEnv>): Promise<Challenge | null> {
  const challenge = await challengeOfFlow(c.get('deps').db, readFlowCookie(c));
  return isActivation(challenge) ? challenge : null;
}

function deadEnd(c: Context<AppEnv>, status: 200 | 422 = 200, message: string = CHALLENGE_MESSAGES.dead) {
  return renderPage(
    c,
    { title: 'Code plus valable', hasErrors: status !== 200, status },
    <FlowEndPage heading="Ce code n’est plus valable" message={message} restartHref="/activation" restartLabel="Demander un nouveau code" isError={status !== 200} />,
  );
}

/** A representative's account login as the school would generate it (prenom.nom, then prenom.nom2…). */
export async function freeLogin(db: Kysely<Database>, firstName: string, lastName: string): Promise<string> {
  const base = loginBase(firstName, lastName);
  const taken = new Set((await db.selectFrom('user_account').select('login').where('login', 'like', `${base}%`).execute()).map((row) => row.login));
  return firstFreeLogin(base, taken);
}

async function representativeOf(db: Kysely<Database>, representativeId: number) {
  return db
    .selectFrom('representative as r')
    .leftJoin('user_account as a', 'a.representative_id', 'r.id')
    .select(['r.id', 'r.first_name', 'r.last_name', 'a.id as account_id', 'a.login'])
    .where('r.id', '=', representativeId)
    .executeTakeFirstOrThrow();
}

/** The account of the representative, created when there is none (no password yet: the caller sets one, or the provider signs in). */
async function ensureAccount(trx: Kysely<Database>, representativeId: number, at: Date): Promise<{ id: number; login: string; created: boolean }> {
  const person = await representativeOf(trx, representativeId);
  if (person.account_id !== null && person.login !== null) return { id: person.account_id, login: person.login, created: false };
  const login = await freeLogin(trx, person.first_name, person.last_name);
  const created = await trx
    .insertInto('user_account')
    .values({ login, password_hash: null, must_change_password: false, role: 'representative', representative_id: representativeId, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: created.id, login, created: true };
}

async function recordActivation(trx: Kysely<Database>, input: { representativeId: number; accountId: number; at: Date; how: 'sms' | 'federation' }) {
  const person = await representativeOf(trx, input.representativeId);
  for (const child of await childrenOf(trx, input.representativeId)) {
    await recordHistory(trx, {
      pupilId: child.pupilId,
      fileId: null,
      at: input.at,
      actor: { kind: 'representative', accountId: input.accountId, name: `${person.first_name} ${person.last_name}`, role: 'représentant légal' },
      action: input.how === 'sms' ? 'activateAccountBySms' : 'linkFederatedAccount',
    });
  }
}

export function activationRoutes() {
  const app = new Hono<AppEnv>();
  for (const path of ['/activation', '/activation/sans-portable', '/activation/code', '/activation/naissances', '/activation/mot-de-passe']) app.use(path, anonymousOnly);

  app.get('/activation', async (c) => {
    const pending = await readPendingFederationLink(c);
    const info = c.req.query('etat') === 'expire' ? CHALLENGE_MESSAGES.restart : undefined;
    return renderPage(
      c,
      { title: pending ? `Relier votre compte ${pending.name}` : 'J’active mon compte' },
      <ActivationStartPage info={info} {...(pending ? { federationLabel: pending.name } : {})} />,
    );
  });

  app.get('/activation/sans-portable', (c) => renderPage(c, { title: 'Activer mon compte sans téléphone portable' }, <ActivationWithoutMobilePage />));

  app.post('/activation', async (c) => {
    const { db, config, now } = c.get('deps');
    const parsed = startForm.safeParse(await formFields(c.req.raw));
    const values = parsed.success ? parsed.data : { nom: '', prenom: '', telephone: '' };
    const pending = await readPendingFederationLink(c);
    const title = pending ? `Relier votre compte ${pending.name}` : 'J’active mon compte';
    const label = pending ? { federationLabel: pending.name } : {};
    const errors: FieldError[] = [];
    const mobile = normaliseMobileNumber(values.telephone);
    if (!parsed.success) errors.push(invalidFormError('nom'));
    else {
      errors.push(...nameErrors(values));
      if (values.telephone.trim() === '') errors.push({ field: 'telephone', message: 'Saisissez votre numéro de téléphone portable.' });
      else if (!mobile)
        errors.push({
          field: 'telephone',
          message: 'Ce numéro n’est pas un numéro de téléphone portable. Saisissez un numéro en 06 ou 07, ou avec l’indicatif régional (par exemple +262 692 12 34 56).',
        });
    }
    if (errors.length > 0 || !mobile) {
      return renderPage(c, { title, hasErrors: true, status: 422 }, <ActivationStartPage values={values} errors={errors} {...label} />);
    }

    const address = clientAddress(c, config.trustProxy);
    const at = now();
    const limit = await requestLimit(db, mobile, address, at);
    if (limit !== 'ok') {
      const failure = limit === 'destination' ? CHALLENGE_MESSAGES.tooManyForDestination('sms') : CHALLENGE_MESSAGES.tooManyForClient;
      return renderPage(c, { title, hasErrors: true, status: 429 }, <ActivationStartPage values={values} failure={failure} {...label} />);
    }

    const flowSecret = newFlowSecret();
    await db.transaction().execute(async (trx) => {
      const representative = await findRepresentative(trx, { mobile, lastName: values.nom, firstName: values.prenom });
      const purpose = pending ? 'federation_link' : 'activation';
      // Nobody matched: a decoy challenge, so that the next page and its refusals are the same, and no SMS.
      const { code } = await insertChallenge(
        trx,
        { purpose, channel: 'sms', destination: mobile, clientAddress: address, representativeId: representative?.id ?? null, accountId: null, flowSecret },
        at,
      );
      if (representative && code) {
        await insertSms(
          trx,
          { kind: 'verification_code', recipient: mobile, representativeId: representative.id, label: 'Code d’activation du compte', text: verificationSmsText(code, 'activation') },
          at,
        );
      }
    });
    writeFlowCookie(c, flowSecret);
    return c.redirect('/activation/code', 303);
  });

  const codePage = (c: Context<AppEnv>, challenge: Challenge, label: string | undefined, errors: FieldError[] = []) =>
    renderPage(
      c,
      { title: CODE_HEADING, hasErrors: errors.length > 0, status: errors.length > 0 ? 422 : 200 },
      <CodePage
        heading={CODE_HEADING}
        action="/activation/code"
        maskedNumber={maskedMobileNumber(challenge.destination)}
        restartHref="/activation"
        errors={errors}
        {...(label ? { federationLabel: label } : {})}
      />,
    );

  app.get('/activation/code', async (c) => {
    const challenge = await currentChallenge(c);
    if (!challenge) return c.redirect(RESTART, 303);
    const state = challengeState(challenge, c.get('deps').now());
    if (state === 'dead') return deadEnd(c);
    if (state === 'verified') return c.redirect('/activation/naissances', 303);
    const pending = challenge.purpose === 'federation_link' ? await readPendingFederationLink(c) : null;
    return codePage(c, challenge, pending?.name);
  });

  app.post('/activation/code', async (c) => {
    const { db, now } = c.get('deps');
    const challenge = await currentChallenge(c);
    if (!challenge) return c.redirect(RESTART, 303);
    const state = challengeState(challenge, now());
    if (state === 'dead') return deadEnd(c, 422);
    if (state === 'verified') return c.redirect('/activation/naissances', 303);
    const pending = challenge.purpose === 'federation_link' ? await readPendingFederationLink(c) : null;
    const code = await readCode(c.req.raw);
    if (!code) return codePage(c, challenge, pending?.name, [MISSING_CODE_ERROR]);
    // A decoy (nobody matched) has a code nobody received: it is refused like any wrong code.
    if (challenge.representativeId === null || !codeMatches(challenge, code)) {
      const failures = await recordCodeFailure(db, challenge.id);
      if (failures >= MAX_CODE_TRIES) return deadEnd(c, 422);
      return codePage(c, challenge, pending?.name, [{ field: 'code', message: CHALLENGE_MESSAGES.wrongCode(triesLeft(failures)) }]);
    }
    if (!(await markVerified(db, challenge.id, now()))) return deadEnd(c, 422);
    return c.redirect('/activation/naissances', 303);
  });

  /** The challenge once its code is checked, and its representative's children; or the answer to give instead. */
  async function verifiedStep(c: Context<AppEnv>, status: 200 | 422) {
    const challenge = await currentChallenge(c);
    if (!challenge || challenge.representativeId === null) return { response: c.redirect(RESTART, 303) };
    const state = challengeState(challenge, c.get('deps').now());
    if (state === 'dead') return { response: deadEnd(c, status) };
    if (state === 'waiting') return { response: c.redirect('/activation/code', 303) };
    return { challenge, representativeId: challenge.representativeId };
  }

  const birthDatesPage = (c: Context<AppEnv>, children: Array<{ pupilId: number; firstName: string; value: string }>, label: string | undefined, errors: FieldError[] = []) =>
    renderPage(
      c,
      { title: 'Dates de naissance de vos enfants', hasErrors: errors.length > 0, status: errors.length > 0 ? 422 : 200 },
      <BirthDatesPage pupils={children} errors={errors} {...(label ? { federationLabel: label } : {})} />,
    );

  const missingBirthDate = (c: Context<AppEnv>, status: 200 | 422) =>
    renderPage(
      c,
      { title: 'Activation impossible par SMS', hasErrors: status !== 200, status },
      <FlowEndPage
        heading="Activation impossible par SMS"
        message={CHALLENGE_MESSAGES.missingBirthDate}
        restartHref="/activation/sans-portable"
        restartLabel="Obtenir un identifiant auprès de l’établissement"
        isError={status !== 200}
      />,
    );

  app.get('/activation/naissances', async (c) => {
    const step = await verifiedStep(c, 200);
    if (step.response) return step.response;
    if (step.challenge.identityCheckedAt) return c.redirect('/activation/mot-de-passe', 303);
    const children = await childrenOf(c.get('deps').db, step.representativeId);
    if (children.some((child) => child.birthDate === null)) return missingBirthDate(c, 200);
    const pending = step.challenge.purpose === 'federation_link' ? await readPendingFederationLink(c) : null;
    return birthDatesPage(c, children.map((child) => ({ pupilId: child.pupilId, firstName: child.firstName, value: '' })), pending?.name);
  });

  app.post('/activation/naissances', async (c) => {
    const { db, now } = c.get('deps');
    const step = await verifiedStep(c, 422);
    if (step.response) return step.response;
    const { challenge, representativeId } = step;
    if (challenge.identityCheckedAt) return c.redirect('/activation/mot-de-passe', 303);
    const children = await childrenOf(db, representativeId);
    if (children.some((child) => child.birthDate === null)) return missingBirthDate(c, 422);
    const pending = challenge.purpose === 'federation_link' ? await readPendingFederationLink(c) : null;
    const fields = await formFields(c.req.raw);
    const typed = new Map<number, string | null>();
    const errors: FieldError[] = [];
    const shown = children.map((child) => {
      const raw = (fields[birthDateFieldId(child.pupilId)] ?? '').slice(0, 40);
      const date = parseBirthDate(raw);
      typed.set(child.pupilId, date);
      if (raw.trim() === '') errors.push({ field: birthDateFieldId(child.pupilId), message: `Saisissez la date de naissance de ${child.firstName}.` });
      else if (!date) errors.push({ field: birthDateFieldId(child.pupilId), message: `La date de naissance de ${child.firstName} n’est pas une date valide : saisissez-la au format jj/mm/aaaa.` });
      return { pupilId: child.pupilId, firstName: child.firstName, value: date ?? '' };
    });
    if (errors.length > 0) return birthDatesPage(c, shown, pending?.name, errors);

    const expected = children.map((child) => ({ pupilId: child.pupilId, birthDate: child.birthDate! }));
    if (!birthDatesMatch(expected, typed)) {
      const failures = await recordBirthDateFailure(db, challenge.id);
      if (failures >= MAX_BIRTH_DATE_TRIES) return deadEnd(c, 422, CHALLENGE_MESSAGES.wrongBirthDate.replace('Vérifiez-les, ou contactez', 'Demandez un nouveau code, ou contactez'));
      return birthDatesPage(c, shown, pending?.name, [{ field: 'dates', message: CHALLENGE_MESSAGES.wrongBirthDate }]);
    }

    if (challenge.purpose === 'federation_link') {
      // The provider's sign-in must still be waiting in this browser (it lives 30 minutes).
      const stillPending = await readPendingFederationLink(c);
      if (!stillPending) {
        return renderPage(
          c,
          { title: 'Connexion à reprendre', hasErrors: true, status: 422 },
          <FlowEndPage
            heading="Connexion à reprendre"
            message="La connexion par le fournisseur d’identité n’est plus en cours (elle a expiré). Reprenez la connexion depuis le début."
            restartHref="/connexion"
            restartLabel="Retour à la connexion"
            isError
          />,
        );
      }
      const at = now();
      const account = await db.transaction().execute(async (trx) => {
        if (!(await markUsed(trx, challenge.id, at))) return null;
        const account = await ensureAccount(trx, representativeId, at);
        await recordActivation(trx, { representativeId, accountId: account.id, at, how: 'federation' });
        return account;
      });
      if (!account) return deadEnd(c, 422);
      clearFlowCookie(c);
      return completeFederationLink(c, stillPending, account.id);
    }

    await markIdentityChecked(db, challenge.id, now());
    return c.redirect('/activation/mot-de-passe', 303);
  });

  async function passwordStep(c: Context<AppEnv>, status: 200 | 422) {
    const step = await verifiedStep(c, status);
    if (step.response) return { response: step.response };
    if (step.challenge.purpose !== 'activation') return { response: c.redirect(RESTART, 303) };
    if (!step.challenge.identityCheckedAt) return { response: c.redirect('/activation/naissances', 303) };
    const db = c.get('deps').db;
    const person = await representativeOf(db, step.representativeId);
    const login = person.login ?? (await freeLogin(db, person.first_name, person.last_name));
    return { ...step, login, hasAccount: person.account_id !== null };
  }

  const passwordPage = (c: Context<AppEnv>, login: string, hasAccount: boolean, errors: FieldError[] = []) =>
    renderPage(
      c,
      { title: 'Création du mot de passe', hasErrors: errors.length > 0, status: errors.length > 0 ? 422 : 200 },
      <ChoosePasswordPage heading="Création du mot de passe" action="/activation/mot-de-passe" login={login} minLength={MIN_PASSWORD_LENGTH} errors={errors} endsOtherSessions={hasAccount} />,
    );

  app.get('/activation/mot-de-passe', async (c) => {
    const step = await passwordStep(c, 200);
    if (step.response) return step.response;
    return passwordPage(c, step.login, step.hasAccount);
  });

  app.post('/activation/mot-de-passe', async (c) => {
    const { db, now } = c.get('deps');
    const step = await passwordStep(c, 422);
    if (step.response) return step.response;
    const { password, errors } = await readNewPassword(c.req.raw, step.login);
    if (errors.length > 0) return passwordPage(c, step.login, step.hasAccount, errors);

    const passwordHash = await hashPassword(password);
    const at = now();
    const { representativeId, challenge } = step;
    const done = await db.transaction().execute(async (trx) => {
      if (!(await markUsed(trx, challenge.id, at))) return null;
      const account = await ensureAccount(trx, representativeId, at);
      await trx
        .updateTable('user_account')
        .set({ password_hash: passwordHash, must_change_password: false, password_changed_at: at, last_login_at: at, updated_at: at })
        .where('id', '=', account.id)
        .execute();
      // An existing account: whoever was signed in elsewhere is signed out.
      await invalidateUserSessions(trx, account.id);
      await recordActivation(trx, { representativeId, accountId: account.id, at, how: 'sms' });
      const { token } = await createSession(trx, account.id, at);
      return { token };
    });
    if (!done) return deadEnd(c, 422);
    clearFlowCookie(c);
    writeSessionCookie(c, done.token);
    return c.redirect('/activation/terminee', 303);
  });

  app.get('/activation/terminee', (c) => {
    const user = c.get('user');
    if (!user) return c.redirect('/connexion', 303);
    return renderPage(c, { title: 'Votre compte est activé' }, <ActivationDonePage login={user.login} homeHref={homePath(user)} />);
  });

  return app;
}
