/** A validation error tied to the form field it belongs to (dotted path, e.g. `wishes.1.specialties`). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}
