/** A page that only says why there is nothing to show. */
export function ErrorPageMessage({ title, message }: { title: string; message: string }) {
  return (
    <>
      <h1>{title}</h1>
      <div class="notice">
        <p>{message}</p>
      </div>
    </>
  );
}
