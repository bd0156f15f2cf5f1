import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import { checkNewPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../domain/password-policy.js';
import { formFields } from '../http/form.js';
import { renderPage } from '../http/render.js';
import { flushRecapsOnLogout } from '../mail/outbox.js';
import type { FieldError } from '../../views/components/error-summary.js';
import { LoginPage } from '../../views/auth/login-page.js';
import { PasswordPage } from '../../views/auth/password-page.js';
import { clearSessionCookie, writeSessionCookie } from './cookie.js';
import { checkCredentials, credentialsFieldErrors, credentialsForm } from './credentials.js';
import { federationLogoutUrl } from './federation/logout.js';
import { homePath } from './current-user.js';
import { hashPassword, verifyPassword } from './password.js';
import { createSession, invalidateSession, invalidateUserSessions } from './session.js';


const passwordForm = z.object({
  mot_de_passe_actuel: z.string().max(MAX_PASSWORD_LENGTH).default(''),
  nouveau_mot_de_passe: z.string().max(MAX_PASSWORD_LENGTH * 4).default(''),
  confirmation: z.string().max(MAX_PASSWORD_LENGTH * 4).default(''),
});

/** One button per configured identity provider on the login page (none when none is configured). */
const federationButtons = (c: Context<AppEnv>) => c.get('deps').config.federation.map(({ id, label }) => ({ id, label }));

export function authRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/connexion', (c) => {
    const user = c.get('user');
    if (user) return c.redirect(user.mustChangePassword ? '/mot-de-passe' : homePath(user), 303);
    const info =
      c.req.query('deconnecte') !== undefined
        ? 'Vous êtes déconnecté.'
        : c.req.query('session') === 'expiree'
          ? 'Votre session a expiré. Connectez-vous à nouveau.'
          : undefined;
    return renderPage(c, { title: 'Connexion' }, <LoginPage federation={federationButtons(c)} info={info} />);
  });

  app.post('/connexion', async (c) => {
    const { db, now } = c.get('deps');
    const parsed = credentialsForm.safeParse(await formFields(c.req.raw));
    const form = parsed.success ? parsed.data : { identifiant: '', mot_de_passe: '' };
    const shownLogin = form.identifiant.slice(0, 200);

    const errors = credentialsFieldErrors(parsed, form);
    if (errors.length > 0) {
      return renderPage(c, { title: 'Connexion', hasErrors: true, status: 422 }, <LoginPage federation={federationButtons(c)} login={shownLogin} errors={errors} />);
    }

    const checked = await checkCredentials(c, form);
    if (!checked.ok) {
      return renderPage(c, { title: 'Connexion', hasErrors: true, status: checked.status }, <LoginPage federation={federationButtons(c)} login={shownLogin} failure={checked.failure} />);
    }
    const account = checked.account;
    // A new session id at every login: a session planted before login is never promoted.
    const previous = c.get('sessionId');
    if (previous) await invalidateSession(db, previous);
    const { token } = await createSession(db, account.id, now());
    await db.updateTable('user_account').set({ last_login_at: now() }).where('id', '=', account.id).execute();
    writeSessionCookie(c, token);
    if (account.must_change_password) return c.redirect('/mot-de-passe', 303);
    return c.redirect(homePath(account), 303);
  });

  app.post('/deconnexion', async (c) => {
    const sessionId = c.get('sessionId');
    const user = c.get('user');
    const { db, now, config } = c.get('deps');
    // The end of an editing session: the author's recap e-mails leave now, not 15 minutes later.
    if (user?.representativeId) await flushRecapsOnLogout(db, { representativeId: user.representativeId, at: now() });
    // A session opened through an identity provider ends the provider's session too, when it offers that.
    const providerLogout = sessionId ? await federationLogoutUrl(db, config, sessionId) : null;
    if (sessionId) await invalidateSession(db, sessionId);
    clearSessionCookie(c);
    return c.redirect(providerLogout ?? '/connexion?deconnecte', 303);
  });

  app.get('/mot-de-passe', (c) => {
    const user = c.get('user');
    if (!user) return c.redirect('/connexion', 303);
    return renderPage(
      c,
      { title: 'Choisir un nouveau mot de passe' },
      <PasswordPage forced={user.mustChangePassword} minLength={MIN_PASSWORD_LENGTH} />,
    );
  });

  app.post('/mot-de-passe', async (c) => {
    const user = c.get('user');
    if (!user) return c.redirect('/connexion', 303);
    const { db, now } = c.get('deps');
    const parsed = passwordForm.safeParse(await formFields(c.req.raw));
    const form = parsed.success ? parsed.data : { mot_de_passe_actuel: '', nouveau_mot_de_passe: '', confirmation: '' };
    const errors: FieldError[] = [];
    const forced = user.mustChangePassword;

    if (!forced) {
      const account = await db.selectFrom('user_account').select('password_hash').where('id', '=', user.accountId).executeTakeFirst();
      if (form.mot_de_passe_actuel === '') {
        errors.push({ field: 'mot_de_passe_actuel', message: 'Saisissez votre mot de passe actuel.' });
      } else if (!account?.password_hash || !(await verifyPassword(form.mot_de_passe_actuel, account.password_hash))) {
        errors.push({ field: 'mot_de_passe_actuel', message: 'Le mot de passe actuel est incorrect.' });
      }
    }
    const problem = checkNewPassword(form.nouveau_mot_de_passe, {
      login: user.login,
      ...(forced ? {} : { currentPassword: form.mot_de_passe_actuel }),
    });
    if (problem) errors.push({ field: 'nouveau_mot_de_passe', message: problem.message });
    if (form.confirmation !== form.nouveau_mot_de_passe) {
      errors.push({ field: 'confirmation', message: 'Les deux mots de passe saisis ne sont pas identiques.' });
    }
    if (errors.length > 0) {
      return renderPage(
        c,
        { title: 'Choisir un nouveau mot de passe', hasErrors: true, status: 422 },
        <PasswordPage forced={forced} minLength={MIN_PASSWORD_LENGTH} errors={errors} />,
      );
    }

    const passwordHash = await hashPassword(form.nouveau_mot_de_passe);
    const at = now();
    const { token } = await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('user_account')
        .set({ password_hash: passwordHash, must_change_password: false, password_changed_at: at, updated_at: at })
        .where('id', '=', user.accountId)
        .execute();
      // Every session of the account ends, this one too: a new id is issued below.
      await invalidateUserSessions(trx, user.accountId);
      return createSession(trx, user.accountId, at);
    });
    writeSessionCookie(c, token);
    return c.redirect(`${homePath(user)}?message=mot-de-passe-modifie`, 303);
  });

  return app;
}
