/** A new account's provisional password, shown this once (it is never stored in clear). */
export function IssuedAccountNotice({ issued }: { issued: { name: string; login: string; password: string } | undefined }) {
  if (!issued) return null;
  return (
    <div class="notice notice--success" role="status">
      <p>
        Compte créé pour {issued.name}. Identifiant : <strong>{issued.login}</strong> — mot de passe provisoire :{' '}
        <strong class="password">{issued.password}</strong>
      </p>
      <p>Notez-le maintenant : il ne sera plus affiché. Il devra être changé à la première connexion.</p>
    </div>
  );
}
