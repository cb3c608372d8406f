// The HTML report's stylesheet and script, inlined into every page (no file, font or library is
// loaded: the page opens from file:// and its CSP forbids any request). No view library: the page is
// rendered on the server side as plain HTML and the script only sorts, filters, copies and expands —
// a few hundred lines of DOM code cost less than any library's runtime (measured page sizes in
// bench/README.md). The script is plain ES2020 so it runs unchanged in every current browser.

export const CSS = `
:root{--fg:#1b1f24;--muted:#57606a;--bg:#fff;--line:#d0d7de;--soft:#f6f8fa;--crit:#a40e26;--warn:#7d4e00;--info:#0a5796;--ok:#116329;
--crit-bg:#ffebe9;--warn-bg:#fff8c5;--info-bg:#ddf4ff;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:15px;line-height:1.45;color:var(--fg);background:var(--bg)}
body{margin:0 auto;max-width:1180px;padding:16px 20px 48px}
h1{font-size:1.5rem;margin:.2em 0}h2{font-size:1.2rem;margin:1.6em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}
h3{font-size:1.05rem;margin:0}h4{font-size:.95rem;margin:1em 0 .3em}
.muted{color:var(--muted)}.small{font-size:.85rem}
header .counts span{display:inline-block;margin-right:.6em}
.badge{display:inline-block;font-size:.75rem;font-weight:700;letter-spacing:.03em;padding:.1em .5em;border-radius:4px;border:1px solid currentColor;vertical-align:.1em}
.sev-critical .badge,.badge.sev-critical{color:var(--crit);background:var(--crit-bg)}
.sev-warning .badge,.badge.sev-warning{color:var(--warn);background:var(--warn-bg)}
.sev-info .badge,.badge.sev-info{color:var(--info);background:var(--info-bg)}
.finding{border:1px solid var(--line);border-left-width:6px;border-radius:6px;margin:.8em 0;background:var(--bg)}
.finding.sev-critical{border-left-color:var(--crit)}.finding.sev-warning{border-left-color:#bf8700}.finding.sev-info{border-left-color:var(--info)}
.finding>summary{padding:.6em .8em;cursor:pointer;list-style-position:outside}
.finding>summary h3{display:inline}
.finding .body{padding:0 .9em .8em 1.6em}
.finding .summary{display:block;margin:.3em 0 0}
.rule{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.8rem;color:var(--muted)}
.tier{font-size:.75rem;color:var(--muted);text-transform:uppercase;letter-spacing:.05em;margin-left:.4em}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}
pre{white-space:pre-wrap;word-break:break-word;background:var(--soft);padding:.5em .7em;border-radius:4px;margin:.3em 0}
.evidence details{border-top:1px solid var(--soft)}.evidence summary{cursor:pointer;padding:.15em 0}
.evidence .loc{color:var(--muted);margin-right:.5em}
.fix{margin:.4em 0}.fix .action{font-weight:600;color:var(--ok)}
.flag{display:flex;gap:.5em;align-items:center;margin:.25em 0}.flag code{background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:.15em .5em}
button{font:inherit;font-size:.8rem;border:1px solid var(--line);background:var(--soft);border-radius:4px;padding:.1em .6em;cursor:pointer;color:var(--fg)}
button:focus-visible,input:focus-visible,summary:focus-visible,a:focus-visible{outline:2px solid #0969da;outline-offset:2px}
table{border-collapse:collapse;margin:.4em 0;width:100%;font-size:.88rem}
th,td{border-bottom:1px solid var(--line);padding:.25em .5em;text-align:left;vertical-align:top}
th{background:var(--soft);white-space:nowrap}th button{border:0;background:none;padding:0;font-weight:700;font-size:inherit}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.path{font-family:ui-monospace,monospace;font-size:.8rem;word-break:break-word}
.tablewrap{overflow-x:auto}.filter{margin:.3em 0}.filter input{font:inherit;padding:.2em .4em;width:18em;max-width:100%}
caption{text-align:left;font-weight:600;padding:.2em 0}
.bar{margin:.6em 0}.legend span{display:inline-block;margin-right:1em;font-size:.85rem}.legend i{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:-.05em;border:1px solid #0003}
ol.path{margin:.3em 0;padding-left:1.6em;font-size:.85rem}ol.path li{font-family:ui-monospace,monospace}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.4em 0}dl.kv dt{color:var(--muted)}dl.kv dd{margin:0}
nav.toc a{margin-right:1em}
.copied{color:var(--ok)}
figure.chart{margin:.6em 0;max-width:900px}figure.chart svg{height:auto;display:block}
.tree,.tree ul{list-style:none;padding-left:1.2em;margin:.2em 0}.tree li{margin:.15em 0}.toggle{width:1.8em;padding:0}.leaf{display:inline-block;width:1.8em;text-align:center}
select{font:inherit}progress{vertical-align:middle;width:16em}
@media print{.filter,button{display:none}details{open:true}}
`;

/**
 * Sorting (buttons in table headers, numbers by their raw value in data-v), filtering (an input per
 * long table), copying fix flags, expanding every finding. Events are delegated from document so the
 * serve UI can add rows later without wiring anything.
 */
export const SCRIPT = `
(function(){
'use strict';
function cellValue(td){var v=td.getAttribute('data-v');if(v!==null&&v!==''){var n=Number(v);if(!isNaN(n))return n;}return td.textContent.trim().toLowerCase();}
function sortTable(btn){
  var th=btn.closest('th'),table=th.closest('table'),tbody=table.tBodies[0];if(!tbody)return;
  var col=Array.prototype.indexOf.call(th.parentNode.children,th);
  var cur=th.getAttribute('aria-sort');var dir=cur==='descending'?'ascending':'descending';
  Array.prototype.forEach.call(th.parentNode.children,function(h){if(h.hasAttribute('aria-sort'))h.setAttribute('aria-sort','none');});
  th.setAttribute('aria-sort',dir);
  var rows=Array.prototype.slice.call(tbody.rows);
  rows.sort(function(a,b){var x=cellValue(a.cells[col]),y=cellValue(b.cells[col]);
    var c=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y));return dir==='ascending'?c:-c;});
  rows.forEach(function(r){tbody.appendChild(r);});
}
function filterTable(input){
  var table=document.getElementById(input.getAttribute('aria-controls'));if(!table)return;
  var q=input.value.trim().toLowerCase(),shown=0,rows=table.tBodies[0].rows;
  for(var i=0;i<rows.length;i++){var hit=!q||rows[i].textContent.toLowerCase().indexOf(q)>=0;rows[i].hidden=!hit;if(hit)shown++;}
  var out=document.getElementById(input.id+'-count');if(out)out.textContent=q?shown+' of '+rows.length+' rows':'';
}
function copy(btn){
  var text=btn.getAttribute('data-copy');
  function done(){btn.textContent='Copied';btn.classList.add('copied');setTimeout(function(){btn.textContent='Copy';btn.classList.remove('copied');},1500);}
  if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(text).then(done,fallback);}else fallback();
  function fallback(){var ta=document.createElement('textarea');ta.value=text;ta.setAttribute('readonly','');ta.style.position='fixed';ta.style.opacity='0';
    document.body.appendChild(ta);ta.select();try{document.execCommand('copy');done();}catch(e){}document.body.removeChild(ta);}
}
document.addEventListener('click',function(e){
  var t=e.target.closest&&e.target.closest('button');if(!t)return;
  if(t.hasAttribute('data-sort'))sortTable(t);
  else if(t.hasAttribute('data-copy'))copy(t);
  else if(t.id==='expand-all'){var open=t.getAttribute('aria-pressed')!=='true';t.setAttribute('aria-pressed',String(open));t.textContent=open?'Collapse all':'Expand all';
    document.querySelectorAll('details.finding').forEach(function(d){d.open=open;});}
});
document.addEventListener('input',function(e){if(e.target.matches&&e.target.matches('input[data-filter]'))filterTable(e.target);});
if(location.hash){var el=document.getElementById(location.hash.slice(1));if(el&&el.tagName==='DETAILS')el.open=true;}
})();
`;
