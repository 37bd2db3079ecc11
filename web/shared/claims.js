// A JWT's claims, decoded for display and for choosing a purpose only: the gateway verifies the
// signature, never these pages. Shared by the IDE and the compliance console. Null when the text
// is not three dot-separated parts with a JSON object in the middle.
export function decodeClaims(token) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return claims && typeof claims === 'object' ? claims : null;
  } catch {
    return null;
  }
}
