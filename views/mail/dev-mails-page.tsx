export type DevMailRow = { id: number; recipient: string; subject: string; status: string; kind: string; createdText: string };

const STATUS_LABELS: Record<string, string> = { pending: 'en attente', sending: 'en cours d’envoi', sent: 'traité', failed: 'en échec' };
export const statusLabel = (status: string) => STATUS_LABELS[status] ?? status;

/** /dev/mails: what the families would receive (only outside production). */
export function DevMailsPage({ rows, smtp }: { rows: DevMailRow[]; smtp: boolean }) {
  return (
    <div>
      <h1>Courriels du service (développement)</h1>
      <p>
        {smtp
          ? 'Les courriels sont envoyés au serveur SMTP configuré (SMTP_URL). Cette page n’existe pas en production.'
          : 'Aucun serveur SMTP n’est configuré (SMTP_URL) : les courriels ne quittent pas le service et sont montrés ici. Cette page n’existe pas en production.'}
      </p>
      <p>
        <a href="/dev/sms">Voir les SMS du service</a> (codes d’activation et de récupération de compte)
      </p>
      {rows.length === 0 ? (
        <p>Aucun courriel pour l’instant.</p>
      ) : (
        <div class="table-wrapper">
          <table>
            <caption>Courriels, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Objet</th>
                <th scope="col">Type</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td>{row.createdText}</td>
                  <td>{row.recipient}</td>
                  <td>
                    <a href={`/dev/mails/${row.id}`}>{row.subject}</a>
                  </td>
                  <td>{row.kind}</td>
                  <td>{statusLabel(row.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function DevMailPage(props: {
  id: number;
  subject: string;
  recipient: string;
  status: string;
  kind: string;
  attempts: number;
  notBeforeText: string;
  response: string | null;
  lastError: string | null;
  text: string;
}) {
  return (
    <div>
      <p>
        <a href="/dev/mails">Tous les courriels</a>
      </p>
      <h1>{props.subject}</h1>
      <dl>
        <dt>Destinataire</dt>
        <dd>{props.recipient}</dd>
        <dt>Type</dt>
        <dd>{props.kind}</dd>
        <dt>État</dt>
        <dd>
          {statusLabel(props.status)} ({props.attempts} tentative{props.attempts > 1 ? 's' : ''})
        </dd>
        <dt>Envoi au plus tôt</dt>
        <dd>{props.notBeforeText}</dd>
        {props.response ? (
          <>
            <dt>Réponse du serveur</dt>
            <dd>{props.response}</dd>
          </>
        ) : null}
        {props.lastError ? (
          <>
            <dt>Dernière erreur</dt>
            <dd>{props.lastError}</dd>
          </>
        ) : null}
      </dl>
      <h2>Partie texte</h2>
      <pre tabindex={0}>{props.text}</pre>
      <h2>Partie HTML</h2>
      <p>
        <a href={`/dev/mails/${props.id}/html`}>Afficher la partie HTML du courriel</a>
      </p>
    </div>
  );
}
