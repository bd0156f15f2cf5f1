export const LEAVE_DIALOG_ID = 'dialogue-quitter';

/** The leave-page confirmation, opened by app.js when a link is followed while something on the page is unsaved (data-unsaved). */
export function LeaveDialog({ message }: { message: string }) {
  return (
    <dialog id={LEAVE_DIALOG_ID} class="modal" aria-labelledby={`${LEAVE_DIALOG_ID}-texte`}>
      <p id={`${LEAVE_DIALOG_ID}-texte`}>{message}</p>
      <div class="button-group">
        <button type="button" class="button" data-leave-confirm>
          OK
        </button>
        <button type="button" class="button button--secondary" data-leave-cancel>
          Annuler
        </button>
      </div>
    </dialog>
  );
}
