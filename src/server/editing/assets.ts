/** The two small files the editing pages load: no inline style or script anywhere (CSP `default-src 'self'`). */

export const EDITING_CSS = `
*{box-sizing:border-box}
body{font:16px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header.top{display:flex;gap:1rem;align-items:center;justify-content:space-between;padding:.6rem 1rem;background:#1f2a44;color:#fff}
header.top a{color:#fff}
header.top form{display:inline}
main{max-width:68rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#eef;overflow-wrap:normal;word-break:normal}
table.diff th[scope=row]{width:28%;min-width:8rem;hyphens:auto}
.value{white-space:pre-wrap;overflow-wrap:anywhere}
.code{color:#555;font-size:.85em;font-family:monospace}
@media (max-width:40rem){table.stack thead{position:absolute;left:-9999px}table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:auto}table.stack tr{border:1px solid #ccc;margin:.5rem 0}table.stack td{border:0;padding:.15rem .5rem}table.stack td::before{content:attr(data-label);display:block;font-weight:600;font-size:.85em;color:#444}}
tr.changed td{background:#fff6d5}
.field{margin:.8rem 0}
.field label{display:block;font-weight:600}
.field input,.field select,.field textarea{width:100%;max-width:40rem;padding:.35rem;font:inherit}
.field textarea{min-height:5rem}
.help{margin:.15rem 0;color:#555;font-size:.9rem}
.error,.invalid .error{color:#a00000;font-weight:600;margin:.2rem 0}
.invalid input,.invalid select,.invalid textarea{border:2px solid #a00000}
.notice{padding:.6rem 1rem;border:1px solid #a00000;background:#fff0f0}
.ok{padding:.6rem 1rem;border:1px solid #2a6;background:#effaf3}
.passkey-status{padding:.6rem 1rem;border:1px solid #a00000;background:#fff0f0}
button{font:inherit;padding:.4rem .9rem;cursor:pointer}
.status-draft{color:#8a5a00}.status-approved{color:#1a6b34}.status-rejected{color:#a00000}
pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}
.inline-forms{display:flex;gap:2rem;flex-wrap:wrap}
.inline-forms form{flex:1 1 20rem}
.with-evidence{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.5rem;align-items:start}
.evidence{position:sticky;top:0;border:1px solid #ccc;background:#fff;padding:0 1rem 1rem}
.archived{border-left:4px solid #1f2a44;padding:0 .8rem;background:#f6f6f6;max-height:60vh;overflow:auto}
.archived p{margin:.5rem 0}
mark{background:#ffe066;color:#1b1b1b;padding:0 .1rem}
.evidence code,.evidence a{overflow-wrap:anywhere}
@media (max-width:900px){.with-evidence{grid-template-columns:minmax(0,1fr)}.evidence{position:static}}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;color:#000;padding:.3rem;z-index:2}
header.top{flex-wrap:wrap}
header.top .who{display:flex;gap:.6rem;align-items:center;flex-wrap:wrap}
header.top a.lang{border:1px solid #fff;border-radius:3px;padding:0 .4rem;text-decoration:none}
.req{font-weight:400;color:#555}
.picked{display:block;min-height:1.2em;color:#1f2a44;font-size:.95rem;margin-top:.15rem}
details.new-source{margin:.5rem 0 1rem;padding:.4rem .8rem;border:1px dashed #8893b0;background:#f4f6fb;max-width:42rem}
details.new-source summary{cursor:pointer;font-weight:600}
.notice ul{margin:.3rem 0}
.scroll{overflow-x:auto}
.pickers{display:flex;gap:1.5rem;flex-wrap:wrap}
.pickers form{flex:1 1 18rem}
fieldset{border:1px solid #ccc;padding:.5rem .8rem}
legend{font-weight:600}
form.narrow{max-width:26rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.facts dd{margin:0}
ul.actions li{margin:.2rem 0}
.field.check{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
.field.check input{width:auto}
.field.check label{display:inline}
.field.check .help,.field.check .error{flex-basis:100%}
form.case-form fieldset,form.event-form{max-width:44rem;margin:0 0 1rem}
table.timeline td:first-child{white-space:nowrap}
@media (max-width:40rem){main{padding:.6rem}dl.facts{grid-template-columns:1fr}h1{font-size:1.3rem}}
`;

/**
 * Names the row a picker's text box points to (a jurisdiction's names, a source's publisher and
 * title), from the options of the box's own datalist, as the person types. The box works without it.
 */
export const PICKER_JS = `"use strict";
(function () {
  function show(input) {
    var list = document.getElementById(input.getAttribute("data-picker"));
    var out = document.getElementById(input.getAttribute("aria-describedby").split(" ").filter(function (id) {
      return document.getElementById(id) && document.getElementById(id).tagName === "OUTPUT";
    })[0]);
    if (!list || !out) return;
    var value = input.value.trim();
    var label = "";
    for (var i = 0; i < list.options.length; i++) {
      if (list.options[i].value === value) label = list.options[i].textContent;
    }
    out.textContent = value === "" ? "" : label || "?";
  }
  var inputs = document.querySelectorAll("input[data-picker]");
  for (var i = 0; i < inputs.length; i++) {
    inputs[i].addEventListener("input", show.bind(null, inputs[i]));
    inputs[i].addEventListener("change", show.bind(null, inputs[i]));
    show(inputs[i]);
  }
})();
`;

/** Moves the setup token from the URL fragment (never sent to the server or logged) into the form, then drops the fragment. */
export const SETUP_JS = `"use strict";
(function () {
  var token = window.location.hash.replace(/^#/, "");
  var field = document.getElementById("setup-token");
  if (token && field && !field.value) field.value = decodeURIComponent(token);
  if (token && window.history && window.history.replaceState) {
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }
})();
`;
