/** 等保 2.0: at least 8 characters with 3 of the 4 classes (lower, upper, digit, symbol). */
export const PASSWORD_MIN_LENGTH = 8;

export function passwordClasses(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(pw)).length;
}

export function checkPasswordPolicy(pw: string): 'length' | 'classes' | null {
  if (pw.length < PASSWORD_MIN_LENGTH) return 'length';
  if (passwordClasses(pw) < 3) return 'classes';
  return null;
}
