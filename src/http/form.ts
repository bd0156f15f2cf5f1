/**
 * A posted form as one string per field. A repeated field keeps its first value; a file, or a
 * body that is not a form, counts as absent: the caller's schema then reports what is missing.
 */
export async function formFields(request: Request): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  const body = await request.formData().catch(() => new FormData());
  for (const [key, value] of body) {
    if (typeof value === 'string' && !(key in fields)) fields[key] = value;
  }
  return fields;
}
