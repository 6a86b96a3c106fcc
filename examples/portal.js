// Writes the one-line embed into the mock portal. A real portal writes the
// <script src=".../embed.js" data-...> tag directly in its HTML; this file
// exists only because the widget's address differs between machines.
//
// Query string of portal.html:
//   widget  base URL of the built widget (default http://127.0.0.1:8080/, scripts/run.sh)
//   j       jurisdiction id: xx-district | province | town (default xx-district)
//   lang    zh | en (default zh)
//   color   accent colour, #rrggbb or rrggbb (default #005bac)
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const base = params.get('widget') || 'http://127.0.0.1:8080/';
  const color = params.get('color') || '#005bac';

  const script = document.createElement('script');
  script.src = new URL('embed.js', base).href;
  script.dataset.jurisdiction = params.get('j') || 'xx-district';
  script.dataset.lang = params.get('lang') || 'zh';
  script.dataset.themeColor = color.startsWith('#') ? color : '#' + color;
  script.dataset.title = '民生实事福利自查';
  document.getElementById('self-check').appendChild(script);
})();
