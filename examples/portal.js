// Writes the one-line embed into the mock portal. A real portal writes the
// <script src=".../embed.js" data-...> tag directly in its HTML; this file
// exists only because the widget's address differs between machines.
//
// Query string of portal.html:
//   widget  base URL of the built widget (default http://127.0.0.1:8080/, scripts/run.sh);
//           only this page's own origin or this machine (127.0.0.1, localhost, any
//           port) is accepted: the script loaded from there runs as the portal's own
//           code, so a link must not be able to point it at anyone else's
//   j       jurisdiction id: xx-district | province | town (default xx-district)
//   lang    zh | en (default zh)
//   color   accent colour, #rrggbb or rrggbb (default #005bac)
(function () {
  'use strict';
  const DEFAULT_WIDGET = 'http://127.0.0.1:8080/';
  const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

  const params = new URLSearchParams(location.search);
  const slot = document.getElementById('self-check');

  // The widget's base URL, or null if it is not one this page may load a script from.
  function widgetBase(raw) {
    let url;
    try {
      url = new URL(raw, location.href);
    } catch (e) {
      return null;
    }
    if (url.origin === location.origin) return url;
    const web = url.protocol === 'http:' || url.protocol === 'https:';
    return web && !url.username && !url.password && LOCAL_HOSTS.includes(url.hostname) ? url : null;
  }

  const base = widgetBase(params.get('widget') || DEFAULT_WIDGET);
  if (!base) {
    const notice = document.createElement('p');
    notice.textContent = '福利自查的地址不被本站接受。The widget address is not allowed on this page.';
    slot.appendChild(notice);
    return;
  }
  const color = params.get('color') || '#005bac';

  const script = document.createElement('script');
  script.src = new URL('embed.js', base).href;
  script.dataset.jurisdiction = params.get('j') || 'xx-district';
  script.dataset.lang = params.get('lang') || 'zh';
  script.dataset.themeColor = color.startsWith('#') ? color : '#' + color;
  script.dataset.title = '民生实事福利自查';
  slot.appendChild(script);
})();
