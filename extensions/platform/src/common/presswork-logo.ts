/** The Presswork product icon (favicon, sign-in page, title bar). */
export const PRESSWORK_LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <rect x="2" y="2" width="28" height="28" rx="6" fill="#2f6fdb"/>
  <rect x="8" y="7" width="16" height="6" rx="1" fill="#fff"/>
  <rect x="6" y="13" width="20" height="9" rx="2" fill="#cfe0ff"/>
  <rect x="9" y="19" width="14" height="7" rx="1" fill="#fff"/>
  <rect x="11" y="21" width="10" height="1.5" fill="#2f6fdb"/>
  <rect x="11" y="23.5" width="7" height="1.5" fill="#2f6fdb"/>
</svg>`;
