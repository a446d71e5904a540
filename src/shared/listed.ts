/** A few names for a message, and how many more: a list of thousands is not read. */
export function listed(names: readonly string[], shown: number): string {
  return names.length <= shown ? names.join(', ') : `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}
