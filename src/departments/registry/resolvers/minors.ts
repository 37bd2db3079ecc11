/** Whether someone born on `birthDate` (YYYY-MM-DD) is under 18 on `day` (by the UTC calendar date). */
export function isMinorOn(birthDate: string, day: Date): boolean {
  const [year, month, date] = birthDate.split('-').map(Number) as [number, number, number];
  const eighteenth = Date.UTC(year + 18, month - 1, date);
  const today = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  return today < eighteenth;
}
