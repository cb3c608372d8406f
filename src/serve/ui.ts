// The serve UI's pages: the start page (inputs, upload, run with progress) and the heap explorer
// added to the HTML report (dominator tree expanded on demand, 50 children at a time, grouped by
// class / package / class loader; path from the GC roots; class search and a class's retained set).
// Plain DOM code: every name from the dump is inserted with textContent, never as HTML.

import { CSS } from '../report/html-assets.js';
import { contentSecurityPolicy, esc } from '../report/html.js';
import type { InputEntry } from './server.js';
import { formatBytes } from '../util/bytes.js';

const COMMON_JS = `
function tok(){return new URLSearchParams(location.search).get('token')||'';}
function api(path,opts){opts=opts||{};opts.headers=Object.assign({'X-Jvmdoctor-Token':tok()},opts.headers||{});
  return fetch(path,opts).then(function(r){return r.json().then(function(b){if(!r.ok)throw new Error(b.error||r.statusText);return b;});});}
function fmtBytes(b){var u=['B','KB','MB','GB','TB'],i=0;while(b>=1024&&i<u.length-1){b/=1024;i++;}return (i?b.toFixed(b>=100?0:1).replace(/\\.0$/,''):String(Math.round(b)))+' '+u[i];}
function el(tag,attrs,text){var e=document.createElement(tag);if(attrs)for(var k in attrs){if(k==='class')e.className=attrs[k];else e.setAttribute(k,attrs[k]);}if(text!==undefined)e.textContent=text;return e;}
`;

const START_JS = `
(function(){
${COMMON_JS}
var status=document.getElementById('status'),bar=document.getElementById('progress');
function poll(){api('/api/status').then(function(s){
  if(s.state==='running'){status.textContent=s.phase+(s.total?' — '+fmtBytes(s.bytes)+' of '+fmtBytes(s.total):s.bytes?' — '+fmtBytes(s.bytes):'')+' ('+(s.ms/1000).toFixed(1)+' s)';
    bar.max=s.total||1;bar.value=s.total?s.bytes:0;setTimeout(poll,250);}
  else if(s.state==='done'){status.textContent='Done: '+s.findings+' finding(s) in '+(s.ms/1000).toFixed(1)+' s. Opening the report…';location.href='/report?token='+encodeURIComponent(tok());}
  else if(s.state==='failed'){status.textContent='The diagnosis failed: '+s.error;}
}).catch(function(e){status.textContent='Error: '+e.message;});}
document.getElementById('run').addEventListener('click',function(){api('/api/run',{method:'POST'}).then(poll).catch(function(e){status.textContent='Error: '+e.message;});});
document.getElementById('upload-form').addEventListener('submit',function(ev){ev.preventDefault();
  var f=document.getElementById('file').files[0];if(!f)return;var out=document.getElementById('upload-status');out.textContent='Uploading '+f.name+'…';
  api('/api/upload?name='+encodeURIComponent(f.name),{method:'POST',body:f}).then(function(r){out.textContent='Uploaded '+r.name+' ('+fmtBytes(r.bytes)+').';
    var li=el('li',null,r.name+' (uploaded)');document.getElementById('inputs').appendChild(li);}).catch(function(e){out.textContent='Upload refused: '+e.message;});});
if(document.body.getAttribute('data-state')==='running')poll();
})();
`;

export function startPage(o: { token: string; inputs: InputEntry[]; dumps: string[]; capBytes: number; state: string }): string {
  const csp = contentSecurityPolicy(START_JS, CSS, true);
  const items = o.inputs.map((i) => `<li>${esc(i.name)}${i.uploaded ? ' (uploaded)' : ''}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>jvmdoctor serve</title><style>${CSS}</style></head>
<body data-state="${esc(o.state)}"><main>
<h1>jvmdoctor</h1>
<p>Local only: this server listens on 127.0.0.1 and reads only the files below. Nothing leaves the machine.</p>
<h2>Evidence</h2>
<ul id="inputs">${items || ''}</ul>
${o.inputs.length ? '' : '<p class="muted">No paths were given: upload an evidence bundle (.tar.gz, .zip), a log or a heap dump.</p>'}
<form id="upload-form"><label for="file">Add a file</label> <input type="file" id="file"> <button type="submit">Upload</button>
<span class="muted small">at most ${esc(formatBytes(o.capBytes))}; kept in a temporary folder removed when the server stops</span></form>
<p id="upload-status" aria-live="polite"></p>
<h2>Diagnosis</h2>
<p><button type="button" id="run">Run the diagnosis</button> <progress id="progress" max="1" value="0" aria-label="Progress of the diagnosis"></progress></p>
<p id="status" aria-live="polite">${o.state === 'done' ? 'A diagnosis is ready.' : ''}</p>
</main><script>${START_JS}</script></body></html>
`;
}

export function explorerBody(dumpNames: string[]): string {
  if (dumpNames.length === 0) return '';
  const options = dumpNames.map((d, n) => `<option value="${n}">${esc(d)}</option>`).join('');
  return `<section id="explorer" aria-labelledby="explorer-h">
<h2 id="explorer-h">Heap explorer</h2>
<p class="small muted">The dominator tree: each object with what it keeps alive (retained size). Expand a node to see the objects it dominates, 50 at a time; "Path" shows how a GC root reaches it over strong references (weak, soft and phantom referents do not count).</p>
<div class="filter"><label>Dump <select id="x-dump">${options}</select></label>
<label>Group children by <select id="x-group"><option value="none">nothing (objects)</option><option value="class">class</option><option value="package">package</option><option value="loader">class loader</option></select></label></div>
<div id="x-path" aria-live="polite"></div>
<ul id="x-tree" class="tree" role="tree" aria-label="Dominator tree"></ul>
<h3>Find a class</h3>
<div class="filter"><label>Class name contains <input type="search" id="x-search" placeholder="e.g. HashMap"></label></div>
<div id="x-classes"></div>
<div id="x-instances"></div>
</section>`;
}

/** Evidence lines expand to the lines around them in the input file (fetched once, on first open). */
export const CONTEXT_SCRIPT = `
(function(){
${COMMON_JS}
document.addEventListener('toggle',function(e){var d=e.target;if(!d.matches||!d.matches('.evidence details[data-line]')||!d.open||d.getAttribute('data-context'))return;
  d.setAttribute('data-context','loading');
  api('/api/context?file='+encodeURIComponent(d.getAttribute('data-file'))+'&line='+d.getAttribute('data-line')).then(function(c){
    var pre=el('pre',{class:'context','aria-label':'Lines around '+c.file+':'+c.line});
    c.lines.forEach(function(l){var s=el(l.n===c.line?'mark':'span',null,String(l.n).padStart(6)+'  '+l.text+'\\n');pre.appendChild(s);});
    d.appendChild(pre);d.setAttribute('data-context','done');
  }).catch(function(){d.setAttribute('data-context','none');});
},true);
})();
`;

export const EXPLORER_SCRIPT = `
(function(){
${COMMON_JS}
var tree=document.getElementById('x-tree');if(!tree)return;
var dumpSel=document.getElementById('x-dump'),groupSel=document.getElementById('x-group');
function q(){return 'dump='+encodeURIComponent(dumpSel.value);}
function objectLabel(r){var s=el('span',{class:'node'});s.appendChild(el('strong',null,r.className));s.appendChild(document.createTextNode(' '));
  s.appendChild(el('span',{class:'muted mono'},r.objectId));s.appendChild(document.createTextNode(' — retains '+fmtBytes(r.retainedBytes)+' ('+r.percentOfHeap+' %), shallow '+fmtBytes(r.shallowBytes)));return s;}
function objectItem(r,level){
  var li=el('li',{role:'treeitem','aria-level':String(level),'data-object':r.objectId});
  if(r.children>0){var b=el('button',{type:'button',class:'toggle','aria-expanded':'false','aria-label':'Expand '+r.className+' '+r.objectId},'▸');li.appendChild(b);
    b.addEventListener('click',function(){toggle(li,b,r.objectId,level);});li.setAttribute('aria-expanded','false');}
  else li.appendChild(el('span',{class:'leaf','aria-hidden':'true'},'·'));
  li.appendChild(document.createTextNode(' '));li.appendChild(objectLabel(r));
  var p=el('button',{type:'button',class:'pathbtn','aria-label':'Path from the GC roots to '+r.objectId},'Path');p.addEventListener('click',function(){showPath(r.objectId);});
  li.appendChild(document.createTextNode(' '));li.appendChild(p);
  if(r.children>0)li.appendChild(el('span',{class:'muted small'},' '+r.children+' children'));
  return li;}
function groupItem(g,level){
  var li=el('li',{role:'treeitem','aria-level':String(level),'aria-expanded':'false','data-group':g.group});
  var b=el('button',{type:'button',class:'toggle','aria-expanded':'false','aria-label':'Expand group '+g.group},'▸');li.appendChild(b);
  li.appendChild(document.createTextNode(' '));li.appendChild(el('strong',null,g.group));
  li.appendChild(document.createTextNode(' — '+g.objects+' object(s) retaining '+fmtBytes(g.retainedBytes)+' ('+g.percentOfHeap+' %)'));
  var ul=el('ul',{role:'group'});ul.hidden=true;g.sample.forEach(function(r){ul.appendChild(objectItem(r,level+1));});
  if(g.objects>g.sample.length)ul.appendChild(el('li',{role:'treeitem',class:'muted small'},'… the '+g.sample.length+' biggest of '+g.objects+' shown'));
  li.appendChild(ul);
  b.addEventListener('click',function(){var open=b.getAttribute('aria-expanded')!=='true';b.setAttribute('aria-expanded',String(open));li.setAttribute('aria-expanded',String(open));b.textContent=open?'▾':'▸';ul.hidden=!open;});
  return li;}
function load(ul,node,level,offset){
  var group=groupSel.value;var t0=performance.now();
  return api('/api/heap/children?'+q()+'&node='+encodeURIComponent(node)+'&offset='+offset+'&limit=50&group='+group).then(function(p){
    var more=ul.querySelector(':scope > li.more');if(more)more.remove();
    if(p.groups)p.groups.forEach(function(g){ul.appendChild(groupItem(g,level));});else p.rows.forEach(function(r){ul.appendChild(objectItem(r,level));});
    var shown=offset+(p.groups?p.groups.length:p.rows.length);
    if(shown<p.total){var li=el('li',{role:'treeitem',class:'more'});var b=el('button',{type:'button'},'Show 50 more ('+shown+' of '+p.total+')');
      b.addEventListener('click',function(){load(ul,node,level,shown);});li.appendChild(b);ul.appendChild(li);}
    ul.setAttribute('data-ms',String(Math.round(performance.now()-t0)));
  });}
function toggle(li,b,node,level){
  var ul=li.querySelector(':scope > ul');var open=b.getAttribute('aria-expanded')!=='true';
  b.setAttribute('aria-expanded',String(open));li.setAttribute('aria-expanded',String(open));b.textContent=open?'▾':'▸';
  if(!ul){ul=el('ul',{role:'group'});li.appendChild(ul);b.disabled=true;load(ul,node,level+1,0).then(function(){b.disabled=false;},function(e){ul.appendChild(el('li',{role:'treeitem'},'Error: '+e.message));b.disabled=false;});}
  else ul.hidden=!open;}
function showPath(id){
  var box=document.getElementById('x-path');box.textContent='Finding the path to '+id+'…';
  api('/api/heap/path?'+q()+'&object='+encodeURIComponent(id)).then(function(p){
    box.textContent='';box.appendChild(el('h3',null,'Path from the GC roots to '+id));
    var ol=el('ol',{class:'path','aria-label':'Path from a GC root'});
    p.steps.forEach(function(s){var li=el('li');li.appendChild(el('span',{class:'muted'},s.field+' → '));li.appendChild(el('strong',null,s.className));li.appendChild(document.createTextNode(' '+s.objectId));ol.appendChild(li);});
    if(!p.steps.length)ol.appendChild(el('li',null,'not reachable from a GC root'));box.appendChild(ol);box.scrollIntoView({block:'nearest'});
  }).catch(function(e){box.textContent='Error: '+e.message;});}
function reset(){tree.textContent='';var root=el('li',{role:'treeitem','aria-level':'1','aria-expanded':'true'});root.appendChild(el('strong',null,'GC roots'));
  var note=el('span',{class:'muted small','aria-live':'polite'});root.appendChild(document.createTextNode(' '));root.appendChild(note);
  var ul=el('ul',{role:'group'});root.appendChild(ul);tree.appendChild(root);var pending=true;
  // The first query builds the dominator tree of the dump: show what it is doing meanwhile.
  (function watch(){setTimeout(function(){if(!pending)return;api('/api/heap/status?'+q()).then(function(s){if(!pending)return;
    if(s.state==='building')note.textContent=s.phase+(s.total?' — '+Math.round(100*s.bytes/s.total)+' %':'')+' ('+Math.round(s.ms/1000)+' s)';watch();},function(){});},400);})();
  load(ul,'root',2,0).then(function(){pending=false;note.textContent='';},function(e){pending=false;note.textContent='';ul.appendChild(el('li',{role:'treeitem'},'Error: '+e.message));});}
dumpSel.addEventListener('change',reset);groupSel.addEventListener('change',reset);reset();
var timer;document.getElementById('x-search').addEventListener('input',function(e){clearTimeout(timer);var v=e.target.value;timer=setTimeout(function(){search(v);},200);});
function search(v){var box=document.getElementById('x-classes');if(!v.trim()){box.textContent='';return;}
  api('/api/heap/classes?'+q()+'&q='+encodeURIComponent(v)).then(function(r){box.textContent='';
    if(!r.classes.length){box.appendChild(el('p',null,'No class name contains “'+v+'”.'));return;}
    var t=el('table');var h=el('tr');['Class','Instances','Shallow','Retained',''].forEach(function(c){h.appendChild(el('th',{scope:'col'},c));});var th=el('thead');th.appendChild(h);t.appendChild(th);
    var tb=el('tbody');r.classes.forEach(function(c){var tr=el('tr');tr.appendChild(el('td',null,c.className));tr.appendChild(el('td',{class:'n'},String(c.instances)));
      tr.appendChild(el('td',{class:'n'},fmtBytes(c.shallowBytes)));tr.appendChild(el('td',{class:'n'},fmtBytes(c.retainedBytes)));
      var td=el('td');var b=el('button',{type:'button','aria-label':'Retained set of '+c.className},'Instances');b.addEventListener('click',function(){instances(c.className);});td.appendChild(b);tr.appendChild(td);tb.appendChild(tr);});
    t.appendChild(tb);box.appendChild(t);}).catch(function(e){box.textContent='Error: '+e.message;});}
function instances(name){var box=document.getElementById('x-instances');box.textContent='';
  api('/api/heap/instances?'+q()+'&class='+encodeURIComponent(name)).then(function(r){
    box.appendChild(el('h3',null,'Retained set of '+name+': '+fmtBytes(r.retainedBytes)+' over '+r.instances+' instance(s)'));
    var ul=el('ul',{role:'tree','aria-label':'Instances of '+name});r.rows.forEach(function(x){ul.appendChild(objectItem(x,1));});box.appendChild(ul);
    if(r.instances>r.rows.length)box.appendChild(el('p',{class:'muted small'},'the '+r.rows.length+' biggest of '+r.instances));
  }).catch(function(e){box.textContent='Error: '+e.message;});}
})();
`;
