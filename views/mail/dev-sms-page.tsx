import { statusLabel } from './dev-mails-page.js';

export type DevSmsRow = {
  id: number;
  recipient: string;
  label: string;
  text: string;
  status: string;
  attempts: number;
  createdText: string;
  response: string | null;
  lastError: string | null;
};

/** The text as the phone shows it: its line breaks kept. */
function Lines({ text }: { text: string }) {
  const lines = text.split(/\r?\n/);
  return (
    <>
      {lines.map((line, index) => (
        <>
          {index > 0 ? <br /> : null}
          {line}
        </>
      ))}
    </>
  );
}

/** /dev/sms: the text messages families would receive, whole (only outside production). */
export function DevSmsPage({ rows, gateway }: { rows: DevSmsRow[]; gateway: boolean }) {
  return (
    <div>
      <h1>SMS du service (développement)</h1>
      <p>
        {gateway
          ? 'Les SMS sont confiés à la passerelle configurée (SMS_GATEWAY_URL). Cette page n’existe pas en production.'
          : 'Aucune passerelle SMS n’est configurée (SMS_GATEWAY_URL) : les SMS ne quittent pas le service et se lisent ici, codes compris. Cette page n’existe pas en production.'}
      </p>
      <p>
        <a href="/dev/mails">Voir les courriels du service</a>
      </p>
      {rows.length === 0 ? (
        <p>Aucun SMS pour l’instant.</p>
      ) : (
        <div class="table-wrapper">
          <table>
            <caption>SMS, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Numéro</th>
                <th scope="col">Message</th>
                <th scope="col">État</th>
                <th scope="col">Réponse de la passerelle</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr id={`sms-${row.id}`}>
                  <td>{row.createdText}</td>
                  <td>{row.recipient}</td>
                  <td>
                    <strong>{row.label}</strong>
                    <br />
                    <Lines text={row.text} />
                  </td>
                  <td>
                    {statusLabel(row.status)} ({row.attempts} tentative{row.attempts > 1 ? 's' : ''})
                  </td>
                  <td>
                    {row.response ? <>Réponse : {row.response}</> : null}
                    {row.response && row.lastError ? <br /> : null}
                    {row.lastError ? <>Dernière erreur : {row.lastError}</> : null}
                    {!row.response && !row.lastError ? 'aucune pour l’instant' : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
