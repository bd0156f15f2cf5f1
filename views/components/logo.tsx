/**
 * The service's logo, drawn inline (static/logo.svg stays the favicon): no request of its own on a
 * first visit. Decorative: the link around it says « Orientation ».
 */
export function Logo() {
  return (
    <svg class="brand__logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="#000091" />
      <path d="M8 22 16 8l8 14h-5l-3-5.5L13 22z" fill="#fff" />
      <path d="M16 8v16" stroke="#e1000f" stroke-width="2" />
    </svg>
  );
}
