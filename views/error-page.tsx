export function NotFoundPage() {
  return (
    <>
      <h1>Page introuvable</h1>
      <p>La page que vous cherchez n’existe pas, ou vous n’avez pas accès à cette page.</p>
      <p>
        <a href="/">Retour à l’accueil</a>
      </p>
    </>
  );
}

export function ServerErrorPage() {
  return (
    <>
      <h1>Une erreur est survenue</h1>
      <p>Le service n’a pas pu traiter votre demande. Rien n’a été enregistré. Réessayez dans quelques instants.</p>
      <p>
        <a href="/">Retour à l’accueil</a>
      </p>
    </>
  );
}

export function ForbiddenRequestPage() {
  return (
    <>
      <h1>Demande refusée</h1>
      <p>
        Par sécurité, ce formulaire n’a pas été accepté. Revenez à la page précédente, rechargez-la, puis envoyez le
        formulaire à nouveau.
      </p>
      <p>
        <a href="/">Retour à l’accueil</a>
      </p>
    </>
  );
}

export function PayloadTooLargePage() {
  return (
    <>
      <h1>Envoi trop volumineux</h1>
      <p>Le formulaire envoyé dépasse la taille autorisée. Rien n’a été enregistré. Raccourcissez votre saisie et réessayez.</p>
      <p>
        <a href="/">Retour à l’accueil</a>
      </p>
    </>
  );
}

/** The database cannot be reached (restart, failover, saturation): nothing was written, try again shortly. */
export function ServiceUnavailablePage({ wasWrite }: { wasWrite: boolean }) {
  return (
    <>
      <h1>Service momentanément indisponible</h1>
      <p>
        {wasWrite
          ? 'Service momentanément indisponible, vos choix n’ont pas été enregistrés. Réessayez dans quelques instants : la page précédente a gardé votre saisie.'
          : 'Service momentanément indisponible : la page n’a pas pu être affichée. Réessayez dans quelques instants.'}
      </p>
      <p>
        <a href="/">Retour à l’accueil</a>
      </p>
    </>
  );
}

/** A form sent while the service is in read-only mode: nothing changed, and why. */
export function ReadOnlyRefusalPage({ reason }: { reason: string }) {
  return (
    <>
      <h1>Saisies momentanément suspendues</h1>
      <p>Votre envoi n’a pas été enregistré : les saisies sont momentanément suspendues. {reason}</p>
      <p>Vous pouvez continuer à consulter le dossier. Revenez plus tard pour enregistrer votre saisie.</p>
      <p>
        <a href="/">Retour à l’accueil</a>
      </p>
    </>
  );
}

/** Too many requests at once: nothing was done, try again in a few seconds. */
export function OverloadedPage({ wasWrite }: { wasWrite: boolean }) {
  return (
    <>
      <h1>Service très sollicité</h1>
      <p>
        Le service reçoit beaucoup de demandes en ce moment.{' '}
        {wasWrite ? 'Votre saisie n’a pas été enregistrée : renvoyez-la dans quelques secondes.' : 'Réessayez dans quelques secondes.'}
      </p>
      <p>
        <a href="/">Retour à l’accueil</a>
      </p>
    </>
  );
}
