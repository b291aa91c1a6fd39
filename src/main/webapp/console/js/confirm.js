// A confirmation in the native <dialog>: a question, optionally a note, then the action. Resolves with
// the note (or '') once the action succeeded, with null when cancelled; an error of the action is shown
// in the dialog and the dialog stays open.

export function confirmAction({ title, text, withNote = false, confirmLabel = 'Confirm', action }) {
  const dialog = document.getElementById('confirm');
  const form = document.getElementById('confirm-form');
  const note = document.getElementById('confirm-note');
  const error = document.getElementById('confirm-error');
  const ok = document.getElementById('confirm-ok');
  const cancel = document.getElementById('confirm-cancel');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-note-field').hidden = !withNote;
  note.value = '';
  note.required = withNote;
  error.textContent = '';
  ok.textContent = confirmLabel;
  return new Promise((resolve) => {
    const finish = (value) => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const onSubmit = async (event) => {
      event.preventDefault();
      error.textContent = '';
      ok.disabled = true;
      try {
        await action(note.value.trim());
        finish(note.value.trim());
      } catch (e) {
        error.textContent = e.message;
      } finally {
        ok.disabled = false;
      }
    };
    const onCancel = (event) => {
      if (event) event.preventDefault();
      finish(null);
    };
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
    (withNote ? note : ok).focus();
  });
}
