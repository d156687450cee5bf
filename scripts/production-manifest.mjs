// The manifest a team installs: manifest.xml (which points at the dev server,
// https://localhost:3000) with every URL moved to where dist/ is hosted.
//   npm run build -- --env hosting=https://addins.contoso.com/leadscore/
//   (or ADDIN_HOSTING_URL=https://... npm run build)
// The repository's manifest.xml keeps localhost for npm start and the dev server.

/** The origin every URL in manifest.xml starts with. */
export const DEV_ORIGIN = 'https://localhost:3000';

/**
 * Checks a hosting address and returns it without a trailing slash. Office loads add-in pages
 * only over HTTPS, and the address must be the folder holding taskpane.html, not a page.
 * @param {string} address
 * @returns {string}
 */
export function hostingBase(address) {
  let url;
  try {
    url = new URL(address.trim());
  } catch {
    throw new Error(`The hosting address '${address}' is not a URL; give the HTTPS address of the folder that holds dist/, e.g. https://addins.contoso.com/leadscore/`);
  }
  if (url.protocol !== 'https:') throw new Error(`The hosting address '${address}' must start with https:// (Office loads add-in pages over HTTPS only)`);
  if (url.search !== '' || url.hash !== '') throw new Error(`The hosting address '${address}' must be a folder, without ?query or #fragment`);
  if (/\.[a-z0-9]+$/i.test(url.pathname)) throw new Error(`The hosting address '${address}' names a file; give the folder that holds taskpane.html`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * manifest.xml for the hosting address: every dev-server URL (all of them, not the first only)
 * moved under the address; the AppDomain becomes the address's origin.
 * @param {string} manifestXml
 * @param {string} address
 * @returns {string}
 */
export function productionManifest(manifestXml, address) {
  const base = hostingBase(address);
  const origin = new URL(base).origin;
  const moved = manifestXml
    .replaceAll(`<AppDomain>${DEV_ORIGIN}</AppDomain>`, `<AppDomain>${origin}</AppDomain>`)
    .replaceAll(`${DEV_ORIGIN}/`, `${base}/`)
    .replace(/Every URL points at the development server[^\n]*\n[^\n]*\n/, `Production manifest: every URL points at ${base}/ (written by npm run build).\n`);
  if (moved.includes(DEV_ORIGIN)) throw new Error(`manifest.xml still names ${DEV_ORIGIN} somewhere the build does not know how to move`);
  return moved;
}
