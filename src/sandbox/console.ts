import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, parseJson, sendJson, sendText } from './http-util';
import type { SandboxControl } from './control';

/**
 * `GET /` — a one-page web console: people, what the bot sent them, and a way to act as them.
 * `POST /sandbox/act` — relays an action through the attached LarkDriver, so it arrives signed and encrypted.
 */
export async function handleConsoleRoute(sb: SandboxControl, req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): Promise<boolean> {
  if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/console')) {
    sendText(res, 200, CONSOLE_HTML, 'text/html; charset=utf-8');
    return true;
  }
  if (req.method !== 'POST' || url.pathname !== '/sandbox/act') return false;
  const driver = sb.driver;
  const b = parseJson(raw);
  if (!driver) return sendJson(res, 409, { error: '未连接事件投递器（attachDriver）' }), true;
  if (!isRecord(b) || typeof b.openId !== 'string') return sendJson(res, 400, { error: 'need openId' }), true;
  const s = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  let result;
  if (b.kind === 'text' && typeof b.text === 'string') {
    const chatId = s(b.chatId);
    result = await driver.sendText(b.openId, b.text, chatId ? { chatType: 'group', chatId } : {});
  } else if (b.kind === 'menu' && s(b.eventKey)) {
    result = await driver.menu(b.openId, b.eventKey as string);
  } else if (b.kind === 'click' && s(b.messageId)) {
    result = await driver.clickCard(b.openId, {
      messageId: b.messageId as string,
      ...(b.value !== undefined && b.value !== null ? { value: b.value } : {}),
      ...(isRecord(b.formValue) ? { formValue: b.formValue } : {}),
      ...(s(b.name) ? { name: b.name as string } : {}),
    });
  } else {
    return sendJson(res, 400, { error: 'kind must be text|menu|click with its fields' }), true;
  }
  sendJson(res, 200, result);
  return true;
}

// Plain inline JS without template literals, so this file needs no escaping.
const CONSOLE_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>平时考核助手 · 本地沙箱</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;display:flex;height:100vh;color:#1f2329}
#side{width:260px;border-right:1px solid #dee0e3;overflow:auto;padding:8px;background:#f5f6f7}
#main{flex:1;display:flex;flex-direction:column}
#msgs{flex:1;overflow:auto;padding:12px}
.unit{font-weight:bold;margin:10px 0 4px}.p{padding:4px 8px;cursor:pointer;border-radius:4px}
.p:hover,.p.sel{background:#e1eaff}.tag{color:#8f959e;font-size:12px}
.msg{border:1px solid #dee0e3;border-radius:8px;margin:8px 0;padding:8px;max-width:640px;background:#fff}
.card-h{font-weight:bold;padding:6px;border-radius:6px 6px 0 0;background:#e1eaff;margin:-8px -8px 8px}
.meta{color:#8f959e;font-size:12px}button{margin:3px}pre{white-space:pre-wrap;margin:2px 0}
table{border-collapse:collapse}td,th{border:1px solid #dee0e3;padding:2px 6px}
#bar{border-top:1px solid #dee0e3;padding:8px;display:flex;gap:6px;flex-wrap:wrap}#bar textarea{flex:1;font:inherit}
</style></head><body>
<div id="side"><h3>平时考核助手 · 沙箱</h3><div id="people">加载中…</div></div>
<div id="main"><div id="title" style="padding:8px 12px;border-bottom:1px solid #dee0e3">请选择左侧人员</div>
<div id="msgs"></div>
<div id="bar"><select id="where"></select><textarea id="text" rows="3" placeholder="以所选人员身份发送消息（可多行），如：周记 本周完成…"></textarea>
<button onclick="sendText()">发送</button><span id="menu"></span></div></div>
<script>
var org=null,sel=null,lastJson='';
var MENU=[['help','帮助'],['log','周记'],['mylogs','我的周记'],['team','团队'],['review','评鉴'],['tier','等次'],['credits','学分'],['rank','排名'],['confirm','审定']];
function esc(s){return String(s==null?'':s).replace(/[&<>"]/g,function(c){return{'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c];});}
function txt(t){return t==null?'':(typeof t==='string'?t:(t.content||''));}
function api(path,body){return fetch(path,body?{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(body)}:{}).then(function(r){return r.json();});}
function deptName(id){var d=org.departments.find(function(x){return x.department_id===id;});return d?d.name:id;}
function loadOrg(){api('/sandbox/org').then(function(o){org=o;var h='';
 o.departments.forEach(function(d){h+='<div class="unit">'+esc(d.name)+'</div>';
  o.users.filter(function(u){return u.department_ids[0]===d.department_id;}).forEach(function(u){
   h+='<div class="p" data-id="'+u.open_id+'" onclick="pick(this.dataset.id)">'+esc(u.name)+' <span class="tag">'+esc(u.job_title)+' · '+esc(u.roles.join('/'))+'</span></div>';});
  if(d.chat_id)h+='<div class="p" data-id="'+d.chat_id+'" onclick="pick(this.dataset.id)">💬 '+esc(d.name)+'群</div>';});
 document.getElementById('people').innerHTML=h;
 document.getElementById('menu').innerHTML=MENU.map(function(m){return '<button onclick="menu(\\''+m[0]+'\\')">菜单:'+m[1]+'</button>';}).join('');});}
function pick(id){sel=id;lastJson='';document.querySelectorAll('.p').forEach(function(e){e.classList.toggle('sel',e.dataset.id===id);});
 var u=org.users.find(function(x){return x.open_id===id;});
 document.getElementById('title').textContent=u?(u.name+'（'+deptName(u.department_ids[0])+'）与机器人的消息'):'群聊消息';
 var d=u?org.departments.find(function(x){return x.department_id===u.department_ids[0];}):null;
 var w='<option value="">私聊</option>'+(d&&d.chat_id?'<option value="'+d.chat_id+'">'+esc(d.name)+'群（@机器人）</option>':'');
 document.getElementById('where').innerHTML=w;refresh();}
function el(e,mid){if(!e||typeof e!=='object')return '';var t=e.tag,h='';
 if(t==='markdown'||t==='lark_md'||t==='plain_text')return '<pre>'+esc(e.content)+'</pre>';
 if(t==='div')return '<pre>'+esc(txt(e.text))+'</pre>'+(e.fields||[]).map(function(f){return '<pre>'+esc(txt(f.text))+'</pre>';}).join('');
 if(t==='hr')return '<hr>';
 if(t==='button'){var v=e.value;(e.behaviors||[]).forEach(function(b){if(b.type==='callback')v=b.value;});
  return '<button data-v="'+esc(JSON.stringify(v===undefined?null:v))+'" data-name="'+esc(e.name||'')+'" data-submit="'+(e.form_action_type==='submit'?1:'')+'" data-mid="'+mid+'" onclick="click_(this)">'+esc(txt(e.text))+'</button>';}
 if(t==='input')return '<div>'+esc(txt(e.label))+' <input name="'+esc(e.name)+'" placeholder="'+esc(txt(e.placeholder))+'" value="'+esc(e.default_value)+'"></div>';
 if(t==='select_static')return '<div><select name="'+esc(e.name)+'">'+(e.options||[]).map(function(o){return '<option value="'+esc(o.value)+'"'+(o.value===e.initial_option?' selected':'')+'>'+esc(txt(o.text))+'</option>';}).join('')+'</select></div>';
 if(t==='date_picker')return '<div><input type="date" name="'+esc(e.name)+'" value="'+esc(e.initial_date)+'"></div>';
 if(t==='table')return '<table><tr>'+(e.columns||[]).map(function(c){return '<th>'+esc(c.display_name)+'</th>';}).join('')+'</tr>'+(e.rows||[]).map(function(r){return '<tr>'+(e.columns||[]).map(function(c){return '<td>'+esc(r[c.name])+'</td>';}).join('')+'</tr>';}).join('')+'</table>';
 if(t==='chart')return '<div class="meta">[图表]</div>';
 if(t==='form')return '<form onsubmit="return false">'+(e.elements||[]).map(function(x){return el(x,mid);}).join('')+'</form>';
 ['elements','columns'].forEach(function(k){(e[k]||[]).forEach(function(x){h+=el(x,mid);});});
 return h;}
function card(c,mid){var h=c.header?'<div class="card-h">'+esc(txt(c.header.title))+'</div>':'';
 return h+((c.body&&c.body.elements)||c.elements||[]).map(function(x){return el(x,mid);}).join('');}
function render(list){var h='';list.forEach(function(m){var c=m.card||m.content;
 h+='<div class="msg"><div class="meta">'+new Date(Number(m.create_time)).toLocaleString('zh-CN')+' · '+m.msg_type+(m.patches.length?' · 已更新'+m.patches.length+'次':'')+(m.chat_type==='group'?' · 群聊':'')+'</div>';
 h+=m.msg_type==='interactive'?card(c,m.message_id):m.msg_type==='text'?'<pre>'+esc(c.text)+'</pre>':'<pre>'+esc(JSON.stringify(c,null,1))+'</pre>';h+='</div>';});
 document.getElementById('msgs').innerHTML=h||'<div class="meta">暂无消息</div>';}
function refresh(){if(!sel)return;api('/sandbox/messages?to='+encodeURIComponent(sel)).then(function(r){var j=JSON.stringify(r.messages);if(j!==lastJson){lastJson=j;render(r.messages);}});}
function who(){return org.users.find(function(u){return u.open_id===sel;});}
function act(body){return api('/sandbox/act',body).then(function(r){if(r&&r.body&&r.body.toast)alert(txt(r.body.toast));else if(r&&r.status!==200)alert('投递结果：'+JSON.stringify(r));lastJson='';setTimeout(refresh,300);});}
function sendText(){var u=who();if(!u)return alert('请先选择人员');var t=document.getElementById('text');act({kind:'text',openId:u.open_id,text:t.value,chatId:document.getElementById('where').value});t.value='';}
function menu(k){var u=who();if(!u)return alert('请先选择人员');act({kind:'menu',openId:u.open_id,eventKey:k});}
function click_(b){var u=who();if(!u)return alert('请在左侧选择以谁的身份点击');var body={kind:'click',openId:u.open_id,messageId:b.dataset.mid,value:JSON.parse(b.dataset.v),name:b.dataset.name};
 var f=b.closest('form');if(b.dataset.submit&&f){var fv={};f.querySelectorAll('[name]').forEach(function(i){fv[i.name]=i.type==='date'&&i.value?i.value+' +0800':i.value;});body.formValue=fv;}act(body);}
loadOrg();setInterval(refresh,2000);
</script></body></html>`;
