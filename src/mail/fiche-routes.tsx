import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv } from '../context.js';
import { formatDateTime } from '../domain/dates.js';
import { renderPage } from '../http/render.js';
import type { FieldError } from '../../views/components/error-summary.js';
import { AddressLinkRefusedPage, ConfirmAddressPage, FichePage } from '../../views/mail/fiche-page.js';
import { checkAddressLink, confirmAddressChange, requestAddressChange } from './address-change.js';

const TITLE = 'Fiche de renseignements';
const NOTICES: Record<string, string> = {
  'lien-envoye': 'Un lien de confirmation a été envoyé à la nouvelle adresse. Ouvrez-le et confirmez : l’adresse sera alors enregistrée.',
  'adresse-confirmee': 'Votre adresse électronique est enregistrée. Les courriels du service lui seront envoyés.',
};

const addressSchema = z.string().trim().max(254, { message: 'L’adresse électronique ne doit pas dépasser 254 caractères.' }).pipe(
  z.email({ message: 'Saisissez une adresse électronique valide, par exemple nom@exemple.fr.' }),
);

async function formField(request: Request, name: string): Promise<string> {
  const body = await request.formData().catch(() => new FormData());
  const value = body.get(name);
  return typeof value === 'string' ? value : '';
}

/** « Fiche de renseignements »: a representative sees their details and sets or changes their e-mail address, confirmed by a link. */
export function ficheRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/fiche-de-renseignements', requireRole('representative'));
  app.use('/fiche-de-renseignements/*', requireRole('representative'));

  const render = async (c: Context<AppEnv>, options: { errors?: FieldError[]; value?: string; status?: 422 } = {}) => {
    const { db, config, now } = c.get('deps');
    const representativeId = c.get('user')!.representativeId!;
    const person = await db
      .selectFrom('representative as r')
      .leftJoin('mail_address_failure as af', 'af.representative_id', 'r.id')
      .select(['r.first_name', 'r.last_name', 'r.email', 'r.phone', 'af.failed_at'])
      .where('r.id', '=', representativeId)
      .executeTakeFirstOrThrow();
    const pending = await db
      .selectFrom('email_change')
      .select(['new_email', 'expires_at'])
      .where('representative_id', '=', representativeId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now())
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const errors = options.errors ?? [];
    return renderPage(
      c,
      { title: TITLE, hasErrors: errors.length > 0, ...(options.status ? { status: options.status } : {}) },
      <FichePage
        person={{ firstName: person.first_name, lastName: person.last_name, email: person.email, phone: person.phone }}
        pending={pending ? { email: pending.new_email, expiresText: formatDateTime(new Date(pending.expires_at), config.timeZone) } : null}
        failing={person.failed_at !== null}
        notice={errors.length === 0 ? NOTICES[c.req.query('message') ?? ''] : undefined}
        errors={errors}
        value={options.value ?? ''}
      />,
    );
  };

  app.get('/fiche-de-renseignements', (c) => render(c));

  app.post('/fiche-de-renseignements', async (c) => {
    const { db, config, now } = c.get('deps');
    const user = c.get('user')!;
    const raw = (await formField(c.req.raw, 'adresse')).slice(0, 1000);
    const errors: FieldError[] = [];
    let email = '';
    if (raw.trim() === '') {
      errors.push({ field: 'adresse', message: 'Saisissez votre adresse électronique.' });
    } else {
      const parsed = addressSchema.safeParse(raw);
      if (!parsed.success) errors.push({ field: 'adresse', message: parsed.error.issues[0]?.message ?? 'Adresse électronique invalide.' });
      else email = parsed.data;
    }
    if (errors.length === 0) {
      const current = await db.selectFrom('representative').select('email').where('id', '=', user.representativeId!).executeTakeFirstOrThrow();
      if (current.email && current.email.toLowerCase() === email.toLowerCase()) {
        errors.push({ field: 'adresse', message: 'Cette adresse est déjà celle de votre fiche de renseignements.' });
      }
    }
    if (errors.length > 0) return render(c, { errors, value: raw, status: 422 });
    await requestAddressChange(db, {
      representativeId: user.representativeId!,
      accountId: user.accountId,
      email,
      at: now(),
      origin: config.publicOrigin,
      timeZone: config.timeZone,
    });
    return c.redirect('/fiche-de-renseignements?message=lien-envoye', 303);
  });

  // The link from the mail: shows a button, changes nothing (a GET never writes; mail scanners open links).
  app.get('/fiche-de-renseignements/confirmer', async (c) => {
    const { db, now } = c.get('deps');
    const token = c.req.query('jeton') ?? '';
    const check = await checkAddressLink(db, { token, accountId: c.get('user')!.accountId, at: now() });
    if (!check.ok) return renderPage(c, { title: 'Lien de confirmation refusé', status: 400 }, <AddressLinkRefusedPage reason={check.reason} />);
    return renderPage(c, { title: 'Confirmer votre adresse électronique' }, <ConfirmAddressPage email={check.email} token={token} />);
  });

  app.post('/fiche-de-renseignements/confirmer', async (c) => {
    const { db, now } = c.get('deps');
    const user = c.get('user')!;
    const token = (await formField(c.req.raw, 'jeton')).slice(0, 200);
    const result = await confirmAddressChange(db, { token, accountId: user.accountId, representativeId: user.representativeId!, at: now() });
    if (!result.ok) return renderPage(c, { title: 'Lien de confirmation refusé', status: 400 }, <AddressLinkRefusedPage reason={result.reason} />);
    return c.redirect('/fiche-de-renseignements?message=adresse-confirmee', 303);
  });

  return app;
}
