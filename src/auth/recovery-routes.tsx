import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import { formatDateTime } from '../domain/dates.js';
import {
  CHALLENGE_MESSAGES,
  challengeState,
  isEmailAddress,
  LINK_TTL_MS,
  MAX_CODE_TRIES,
  normaliseEmail,
  triesLeft,
  verificationSmsText,
} from '../domain/account-challenge.js';
import { MIN_PASSWORD_LENGTH } from '../domain/password-policy.js';
import { maskedMobileNumber, normaliseMobileNumber } from '../domain/phone.js';
import { clientAddress } from '../http/client-address.js';
import { formFields } from '../http/form.js';
import { renderPage } from '../http/render.js';
import { insertMails, insertSms } from '../mail/outbox.js';
import type { MailContent } from '../../views/mail/mail-content.js';
import type { FieldError } from '../../views/components/error-summary.js';
import { CodePage, FlowEndPage } from '../../views/auth/activation-code-page.js';
import { ChoosePasswordPage } from '../../views/auth/activation-password-page.js';
import { ForgottenIdentifierPage, ForgottenPasswordPage, IdentifierFoundPage, LinkSentPage } from '../../views/auth/recovery-pages.js';
import { anonymousOnly } from './activation-routes.js';
import {
  accountOfChallenge,
  challengeOfFlow,
  sha256,
  clearFlowCookie,
  codeMatches,
  findRepresentative,
  findRepresentativeByEmail,
  insertChallenge,
  markUsed,
  markVerified,
  newFlowSecret,
  openLink,
  readFlowCookie,
  recordCodeFailure,
  requestLimit,
  writeFlowCookie,
  type Challenge,
} from './challenge.js';
import { invalidFormError, MISSING_CODE_ERROR, nameErrors, nameFields, readCode, readNewPassword } from './challenge-forms.js';
import { writeSessionCookie } from './cookie.js';
import { homePath } from './current-user.js';
import { hashPassword } from './password.js';
import { createSession, invalidateUserSessions } from './session.js';
import { normaliseLogin } from './throttle.js';

// « Identifiant oublié ? » and « Mot de passe oublié ? » (seed 003): a code by SMS to the mobile
// number the school knows, or a link by e-mail to the known address; always the same answer,
// whether an account matched or not. A challenge with an account (forgotten password) leads to a
// new password; one with only a representative (forgotten identifier) shows the identifier first.

const CODE_HEADING = 'Saisie du code reçu par SMS';
const PASSWORD_PATH = '/recuperation/nouveau-mot-de-passe';
const IDENTIFIER_PATH = '/recuperation/identifiant';

const passwordRequestForm = z.object({
  identifiant: z.string().max(200).default(''),
  canal: z.string().max(20).default(''),
});
const identifierRequestForm = z.object({ ...nameFields, contact: z.string().max(254).default('') });

function recoveryMessage(input: { firstName: string; lastName: string; link: string; expiresAt: Date; timeZone: string; forIdentifier: boolean }): MailContent {
  const what = input.forIdentifier ? 'retrouver votre identifiant' : 'choisir un nouveau mot de passe';
  return {
    subject: input.forIdentifier ? 'Orientation : retrouver votre identifiant' : 'Orientation : choisir un nouveau mot de passe',
    greeting: `Bonjour ${input.firstName} ${input.lastName},`,
    intro: [
      `Une demande a été faite pour ${what} sur le service en ligne Orientation. Ce lien est valable jusqu’au ${formatDateTime(input.expiresAt, input.timeZone)} et ne sert qu’une fois.`,
    ],
    details: ['Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne change tant que le lien n’est pas utilisé.'],
    nextStep: `ouvrez le lien ci-dessous pour ${what}.`,
    action: { label: input.forIdentifier ? 'Retrouver mon identifiant' : 'Choisir un nouveau mot de passe', url: input.link },
    footer: 'Vous recevez ce message parce que votre adresse électronique est connue du service Orientation. Ne répondez pas à ce message : pour toute question, contactez l’établissement.',
  };
}

async function currentChallenge(c: Context<AppEnv>): Promise<Challenge | null> {
  const challenge = await challengeOfFlow(c.get('deps').db, readFlowCookie(c));
  return challenge?.purpose === 'recovery' ? challenge : null;
}

const restart = (c: Context<AppEnv>) => c.redirect('/mot-de-passe-oublie?etat=expire', 303);

function deadEnd(c: Context<AppEnv>, status: 200 | 422 = 200, message: string = CHALLENGE_MESSAGES.dead) {
  return renderPage(
    c,
    { title: 'Demande plus valable', hasErrors: status !== 200, status },
    <FlowEndPage heading="Cette demande n’est plus valable" message={message} restartHref="/mot-de-passe-oublie" restartLabel="Faire une nouvelle demande" isError={status !== 200} />,
  );
}

/** Where a verified recovery leads: a new password for an account, the identifier for a representative. */
const nextPath = (challenge: Challenge) => (challenge.accountId !== null ? PASSWORD_PATH : IDENTIFIER_PATH);

export function recoveryRoutes() {
  const app = new Hono<AppEnv>();
  for (const path of ['/mot-de-passe-oublie', '/identifiant-oublie', '/recuperation/*']) app.use(path, anonymousOnly);

  // --- Forgotten password ---

  app.get('/mot-de-passe-oublie', (c) => {
    const info = c.req.query('etat') === 'expire' ? CHALLENGE_MESSAGES.restart : undefined;
    return renderPage(c, { title: 'Mot de passe oublié' }, <ForgottenPasswordPage info={info} />);
  });

  app.post('/mot-de-passe-oublie', async (c) => {
    const { db, config, now } = c.get('deps');
    const parsed = passwordRequestForm.safeParse(await formFields(c.req.raw));
    const values = parsed.success ? parsed.data : { identifiant: '', canal: 'sms' };
    const shown = { identifiant: values.identifiant, canal: values.canal === 'courriel' ? 'courriel' : 'sms' };
    const errors: FieldError[] = [];
    if (!parsed.success) errors.push(invalidFormError('identifiant'));
    else {
      if (values.identifiant.trim() === '') errors.push({ field: 'identifiant', message: 'Saisissez votre identifiant.' });
      // eslint-disable-next-line no-control-regex
      else if (/[\u0000-\u001f\u007f]/.test(values.identifiant)) errors.push({ field: 'identifiant', message: 'L’identifiant contient des caractères invalides.' });
      if (values.canal !== 'sms' && values.canal !== 'courriel') errors.push({ field: 'canal', message: 'Choisissez comment recevoir votre code ou votre lien.' });
    }
    if (errors.length > 0) return renderPage(c, { title: 'Mot de passe oublié', hasErrors: true, status: 422 }, <ForgottenPasswordPage values={shown} errors={errors} />);

    const channel = values.canal === 'courriel' ? 'email' : 'sms';
    const login = normaliseLogin(values.identifiant).slice(0, 200);
    const account = await db
      .selectFrom('user_account as a')
      .leftJoin('representative as r', 'r.id', 'a.representative_id')
      .leftJoin('staff as s', 's.id', 'a.staff_id')
      .leftJoin('academy_admin as aa', 'aa.id', 'a.academy_admin_id')
      .select(['a.id', 'a.representative_id', 'r.phone', 'r.email as representative_email', 's.email as staff_email', 'aa.email as admin_email'])
      .select((eb) => [eb.fn.coalesce('r.first_name', 's.first_name', 'aa.first_name').as('first_name'), eb.fn.coalesce('r.last_name', 's.last_name', 'aa.last_name').as('last_name')])
      .where('a.login', '=', login)
      .executeTakeFirst();
    // Only representatives have a mobile number; an address for representatives, staff and académie accounts.
    const destination =
      account && channel === 'sms'
        ? account.representative_id !== null && account.phone
          ? normaliseMobileNumber(account.phone)
          : null
        : account
          ? normaliseEmail(account.representative_email ?? account.staff_email ?? account.admin_email ?? '')
          : null;
    const matched = account && destination ? { account, destination } : null;
    // Nobody to send to: the request is counted under the identifier, so that limits behave the same.
    const key = matched?.destination ?? `identifiant:${sha256(login).toString('hex')}`;

    const address = clientAddress(c, config.trustProxy);
    const at = now();
    const limit = await requestLimit(db, key, address, at);
    if (limit !== 'ok') {
      const failure = limit === 'destination' ? 'Trop de demandes pour ce compte. Réessayez plus tard ou contactez l’établissement de votre enfant.' : CHALLENGE_MESSAGES.tooManyForClient;
      return renderPage(c, { title: 'Mot de passe oublié', hasErrors: true, status: 429 }, <ForgottenPasswordPage values={shown} failure={failure} />);
    }

    const flowSecret = newFlowSecret();
    await db.transaction().execute(async (trx) => {
      const { code, token } = await insertChallenge(
        trx,
        {
          purpose: 'recovery',
          channel,
          destination: key,
          clientAddress: address,
          representativeId: matched?.account.representative_id ?? null,
          accountId: matched?.account.id ?? null,
          flowSecret,
        },
        at,
      );
      if (!matched) return;
      if (channel === 'sms' && code) {
        await insertSms(
          trx,
          { kind: 'verification_code', recipient: matched.destination, representativeId: matched.account.representative_id, label: 'Code pour un nouveau mot de passe', text: verificationSmsText(code, 'recovery') },
          at,
        );
      }
      if (channel === 'email' && token) {
        await insertMails(
          trx,
          [
            {
              kind: 'recovery_link',
              recipient: matched.destination,
              representativeId: matched.account.representative_id,
              pupilId: null,
              phase: null,
              content: recoveryMessage({
                firstName: matched.account.first_name ?? '',
                lastName: matched.account.last_name ?? '',
                link: `${config.publicOrigin}/recuperation/lien?jeton=${token}`,
                expiresAt: new Date(at.getTime() + LINK_TTL_MS),
                timeZone: config.timeZone,
                forIdentifier: false,
              }),
              notBefore: at,
            },
          ],
          at,
        );
      }
    });
    if (channel === 'email') return c.redirect('/recuperation/courriel-envoye', 303);
    writeFlowCookie(c, flowSecret);
    return c.redirect('/recuperation/code', 303);
  });

  // --- Forgotten identifier ---

  app.get('/identifiant-oublie', (c) => renderPage(c, { title: 'Identifiant oublié' }, <ForgottenIdentifierPage />));

  app.post('/identifiant-oublie', async (c) => {
    const { db, config, now } = c.get('deps');
    const parsed = identifierRequestForm.safeParse(await formFields(c.req.raw));
    const values = parsed.success ? parsed.data : { nom: '', prenom: '', contact: '' };
    const errors: FieldError[] = [];
    const byEmail = isEmailAddress(values.contact);
    const destination = byEmail ? normaliseEmail(values.contact) : normaliseMobileNumber(values.contact);
    if (!parsed.success) errors.push(invalidFormError('nom'));
    else {
      errors.push(...nameErrors(values));
      if (values.contact.trim() === '') errors.push({ field: 'contact', message: 'Saisissez votre numéro de téléphone portable ou votre adresse électronique.' });
      else if (!destination)
        errors.push({
          field: 'contact',
          message: byEmail
            ? 'Cette adresse électronique n’est pas valide. Saisissez-la sous la forme nom@exemple.fr.'
            : 'Ce numéro n’est pas un numéro de téléphone portable. Saisissez un numéro en 06 ou 07, ou avec l’indicatif régional.',
        });
    }
    if (errors.length > 0 || !destination) {
      return renderPage(c, { title: 'Identifiant oublié', hasErrors: true, status: 422 }, <ForgottenIdentifierPage values={values} errors={errors} />);
    }

    const channel = byEmail ? 'email' : 'sms';
    const address = clientAddress(c, config.trustProxy);
    const at = now();
    const limit = await requestLimit(db, destination, address, at);
    if (limit !== 'ok') {
      const failure = limit === 'destination' ? CHALLENGE_MESSAGES.tooManyForDestination(channel) : CHALLENGE_MESSAGES.tooManyForClient;
      return renderPage(c, { title: 'Identifiant oublié', hasErrors: true, status: 429 }, <ForgottenIdentifierPage values={values} failure={failure} />);
    }

    const flowSecret = newFlowSecret();
    await db.transaction().execute(async (trx) => {
      const person = byEmail
        ? await findRepresentativeByEmail(trx, { email: destination, lastName: values.nom, firstName: values.prenom })
        : await findRepresentative(trx, { mobile: destination, lastName: values.nom, firstName: values.prenom });
      const { code, token } = await insertChallenge(
        trx,
        { purpose: 'recovery', channel, destination, clientAddress: address, representativeId: person?.id ?? null, accountId: null, flowSecret },
        at,
      );
      if (!person) return;
      if (code) {
        await insertSms(trx, { kind: 'verification_code', recipient: destination, representativeId: person.id, label: 'Code pour retrouver l’identifiant', text: verificationSmsText(code, 'recovery') }, at);
      }
      if (token) {
        const names = await trx.selectFrom('representative').select(['first_name', 'last_name']).where('id', '=', person.id).executeTakeFirstOrThrow();
        await insertMails(
          trx,
          [
            {
              kind: 'recovery_link',
              recipient: destination,
              representativeId: person.id,
              pupilId: null,
              phase: null,
              content: recoveryMessage({
                firstName: names.first_name,
                lastName: names.last_name,
                link: `${config.publicOrigin}/recuperation/lien?jeton=${token}`,
                expiresAt: new Date(at.getTime() + LINK_TTL_MS),
                timeZone: config.timeZone,
                forIdentifier: true,
              }),
              notBefore: at,
            },
          ],
          at,
        );
      }
    });
    if (byEmail) return c.redirect('/recuperation/courriel-envoye', 303);
    writeFlowCookie(c, flowSecret);
    return c.redirect('/recuperation/code', 303);
  });

  app.get('/recuperation/courriel-envoye', (c) => renderPage(c, { title: 'Consultez votre messagerie' }, <LinkSentPage />));

  // --- The code received by SMS ---

  const codePage = (c: Context<AppEnv>, challenge: Challenge, errors: FieldError[] = []) => {
    // The number is shown masked only when the person typed it (forgotten identifier): for a
    // forgotten password it would tell that the identifier exists and has a number.
    const typedNumber = challenge.accountId === null && challenge.destination.startsWith('+');
    return renderPage(
      c,
      { title: CODE_HEADING, hasErrors: errors.length > 0, status: errors.length > 0 ? 422 : 200 },
      <CodePage
        heading={CODE_HEADING}
        action="/recuperation/code"
        maskedNumber={typedNumber ? maskedMobileNumber(challenge.destination) : 'numéro de portable connu de l’établissement'}
        restartHref="/mot-de-passe-oublie"
        errors={errors}
      />,
    );
  };

  app.get('/recuperation/code', async (c) => {
    const challenge = await currentChallenge(c);
    if (!challenge || challenge.channel !== 'sms') return restart(c);
    const state = challengeState(challenge, c.get('deps').now());
    if (state === 'dead') return deadEnd(c);
    if (state === 'verified') return c.redirect(nextPath(challenge), 303);
    return codePage(c, challenge);
  });

  app.post('/recuperation/code', async (c) => {
    const { db, now } = c.get('deps');
    const challenge = await currentChallenge(c);
    if (!challenge || challenge.channel !== 'sms') return restart(c);
    const state = challengeState(challenge, now());
    if (state === 'dead') return deadEnd(c, 422);
    if (state === 'verified') return c.redirect(nextPath(challenge), 303);
    const code = await readCode(c.req.raw);
    if (!code) return codePage(c, challenge, [MISSING_CODE_ERROR]);
    const known = challenge.representativeId !== null || challenge.accountId !== null;
    if (!known || !codeMatches(challenge, code)) {
      const failures = await recordCodeFailure(db, challenge.id);
      if (failures >= MAX_CODE_TRIES) return deadEnd(c, 422);
      return codePage(c, challenge, [{ field: 'code', message: CHALLENGE_MESSAGES.wrongCode(triesLeft(failures)) }]);
    }
    if (!(await markVerified(db, challenge.id, now()))) return deadEnd(c, 422);
    return c.redirect(nextPath(challenge), 303);
  });

  // --- The link received by e-mail ---

  app.get('/recuperation/lien', async (c) => {
    const { db, now } = c.get('deps');
    const token = (c.req.query('jeton') ?? '').slice(0, 100);
    const flowSecret = newFlowSecret();
    // The link is spent as it is opened; the rest of the flow belongs to this browser (the token leaves the URL).
    if ((await openLink(db, token, flowSecret, now())) !== 'ok') {
      return renderPage(
        c,
        { title: 'Lien plus valable', hasErrors: true, status: 400 },
        <FlowEndPage heading="Ce lien n’est plus valable" message={CHALLENGE_MESSAGES.deadLink} restartHref="/mot-de-passe-oublie" restartLabel="Faire une nouvelle demande" isError />,
      );
    }
    const challenge = await challengeOfFlow(db, flowSecret);
    writeFlowCookie(c, flowSecret);
    return c.redirect(challenge ? nextPath(challenge) : PASSWORD_PATH, 303);
  });

  // --- The identifier, then a new password ---

  async function verifiedStep(c: Context<AppEnv>, status: 200 | 422) {
    const challenge = await currentChallenge(c);
    if (!challenge || (challenge.representativeId === null && challenge.accountId === null)) return { response: restart(c) };
    const state = challengeState(challenge, c.get('deps').now());
    if (state === 'dead') return { response: deadEnd(c, status, 'Cette demande n’est plus valable (elle a expiré ou a déjà servi). Faites une nouvelle demande, ou contactez l’établissement de votre enfant.') };
    if (state === 'waiting') return { response: c.redirect(challenge.channel === 'sms' ? '/recuperation/code' : '/mot-de-passe-oublie', 303) };
    return { challenge };
  }

  app.get(IDENTIFIER_PATH, async (c) => {
    const step = await verifiedStep(c, 200);
    if (step.response) return step.response;
    const account = await accountOfChallenge(c.get('deps').db, step.challenge);
    return renderPage(c, { title: 'Votre identifiant' }, <IdentifierFoundPage login={account?.login ?? null} />);
  });

  async function passwordStep(c: Context<AppEnv>, status: 200 | 422) {
    const step = await verifiedStep(c, status);
    if (step.response) return { response: step.response };
    const account = await accountOfChallenge(c.get('deps').db, step.challenge);
    if (!account) return { response: c.redirect(IDENTIFIER_PATH, 303) };
    return { challenge: step.challenge, account };
  }

  const passwordPage = (c: Context<AppEnv>, login: string, errors: FieldError[] = []) =>
    renderPage(
      c,
      { title: 'Nouveau mot de passe', hasErrors: errors.length > 0, status: errors.length > 0 ? 422 : 200 },
      <ChoosePasswordPage heading="Choisir votre nouveau mot de passe" action={PASSWORD_PATH} login={login} minLength={MIN_PASSWORD_LENGTH} errors={errors} endsOtherSessions />,
    );

  app.get(PASSWORD_PATH, async (c) => {
    const step = await passwordStep(c, 200);
    if (step.response) return step.response;
    return passwordPage(c, step.account.login);
  });

  app.post(PASSWORD_PATH, async (c) => {
    const { db, now } = c.get('deps');
    const step = await passwordStep(c, 422);
    if (step.response) return step.response;
    const { account, challenge } = step;
    const { password, errors } = await readNewPassword(c.req.raw, account.login);
    if (errors.length > 0) return passwordPage(c, account.login, errors);

    const passwordHash = await hashPassword(password);
    const at = now();
    const token = await db.transaction().execute(async (trx) => {
      if (!(await markUsed(trx, challenge.id, at))) return null;
      await trx
        .updateTable('user_account')
        .set({ password_hash: passwordHash, must_change_password: false, password_changed_at: at, last_login_at: at, updated_at: at })
        .where('id', '=', account.id)
        .execute();
      // Every session of the account ends: whoever knew the old password is signed out.
      await invalidateUserSessions(trx, account.id);
      return (await createSession(trx, account.id, at)).token;
    });
    if (!token) return deadEnd(c, 422);
    clearFlowCookie(c);
    writeSessionCookie(c, token);
    return c.redirect(`${homePath({ role: account.role as Parameters<typeof homePath>[0]['role'] })}?message=mot-de-passe-modifie`, 303);
  });

  return app;
}
