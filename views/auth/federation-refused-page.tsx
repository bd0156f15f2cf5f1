// Pages of a sign-in through an identity federation (OpenID Connect) that did not end signed in.

export type FederationRefusedReason = 'expired' | 'refused' | 'cancelled';

/** The provider's answer was refused (tampered, replayed, expired) or the person cancelled there: nobody is signed in. */
export function FederationRefusedPage({ name, reason }: { name: string; reason: FederationRefusedReason }) {
  return (
    <div class="form">
      <h1>La connexion avec {name} n’a pas abouti</h1>
      <div class="notice notice--warning">
        <p>
          {reason === 'cancelled'
            ? `La connexion a été annulée ou refusée sur le site ${name}.`
            : reason === 'expired'
              ? 'Cette demande de connexion a expiré ou a déjà servi. Pour votre sécurité, chaque demande ne sert qu’une fois, dans les 10 minutes.'
              : `La réponse reçue de ${name} n’a pas pu être vérifiée. Pour votre sécurité, personne n’a été connecté.`}
        </p>
      </div>
      <p>Recommencez depuis la page de connexion, ou utilisez l’identifiant et le mot de passe du service Orientation.</p>
      <p>
        <a href="/connexion">Revenir à la page de connexion</a>
      </p>
    </div>
  );
}

/** Discovery failed: the provider does not answer. */
export function FederationUnavailablePage({ name }: { name: string }) {
  return (
    <div class="form">
      <h1>Le service {name} ne répond pas</h1>
      <p>
        Le service {name} ne répond pas pour le moment. Réessayez dans quelques instants, ou utilisez votre identifiant et votre mot
        de passe du service Orientation.
      </p>
      <p>
        <a href="/connexion">Revenir à la page de connexion</a>
      </p>
    </div>
  );
}

/** The provider's identity was linked to another account meanwhile: it stays there, nothing changed. */
export function FederationLinkedElsewherePage({ name }: { name: string }) {
  return (
    <div class="form">
      <h1>Ce compte {name} est déjà relié à un autre compte</h1>
      <p>
        Ce compte {name} est déjà relié à un autre compte du service Orientation : il n’a pas été relié une seconde fois. Connectez-vous
        avec votre identifiant et votre mot de passe, ou contactez l’établissement.
      </p>
      <p>
        <a href="/connexion">Revenir à la page de connexion</a>
      </p>
    </div>
  );
}
