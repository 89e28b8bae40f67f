// The bulletin (通报) of the work plan for a date, in the form a provincial office circulates: the overall progress of
// each task, each city's status, and the overdue items by name; A4 with the issuing unit and the date.
import { t, lang, translatePage } from './i18n.js';
import { esc } from './format.js';
import { api } from './api.js';
import { dateText, issuer, printButton } from './print-page.js';

const q = new URLSearchParams(location.search);
const en = lang() === 'en';

async function main() {
  translatePage();
  printButton();
  try {
    const year = q.get('year');
    const asOf = q.get('asOf');
    if (!/^\d{4}$/.test(year || '') || !/^\d{4}-\d{2}-\d{2}$/.test(asOf || '')) throw new Error(t('planBadLink'));
    const { data } = await api(`/api/plan?year=${year}&asOf=${asOf}`);
    const name = (x) => (en ? x.nameEn : x.name);
    const title = t('planBulletinTitle', { year, date: dateText(asOf) });
    document.title = title;
    const overall = data.kinds.map((k) => {
      const s = data.totals[k.code] || {};
      return `<li>${esc(name(k))}：${esc(t('planOverall', { total: s.total || 0, done: s.done || 0, late: s.late || 0, overdue: s.overdue || 0, open: s.open || 0 }))}</li>`;
    }).join('');
    const table = `<table class="grid pr-table"><thead><tr><th>${esc(t('planCity'))}</th>${data.kinds.map((k) => `<th>${esc(name(k))}</th>`).join('')}</tr></thead><tbody>
      ${data.cities.map((ci) => `<tr><td>${esc(name(ci))}</td>${data.kinds.map((k) => {
        const x = (ci.tasks || {})[k.code];
        return `<td class="plan-p-${x ? esc(x.status) : 'none'}">${x ? esc(t('planSt_' + x.status)) : '—'}${x && k.perCluster ? `（${x.counts.done + x.counts.late}/${x.counts.total}）` : ''}</td>`;
      }).join('')}</tr>`).join('')}</tbody></table>`;
    const overdue = [];
    for (const ci of data.cities) {
      for (const k of data.kinds) {
        if (k.perCluster) {
          for (const c of ci.clusters || []) if (((c.tasks || {})[k.code] || {}).status === 'overdue') overdue.push(`${name(ci)} ${name(c)}：${name(k)}`);
        } else if (((ci.tasks || {})[k.code] || {}).status === 'overdue') overdue.push(`${name(ci)}：${name(k)}`);
      }
    }
    document.getElementById('doc').innerHTML = `<header class="pr-head"><h1>${esc(title)}</h1></header>
      <h2>${esc(t('planPart1'))}</h2><ul>${overall}</ul>
      <h2>${esc(t('planPart2'))}</h2>${table}
      <h2>${esc(t('planPart3'))}</h2>${overdue.length ? `<ol id="plan-overdue">${overdue.map((x) => `<li>${esc(x)}</li>`).join('')}</ol>` : `<p>${esc(t('planNoneOverdue'))}</p>`}
      <p class="muted">${esc(t('planBulletinNote'))}</p>
      <footer class="pr-foot"><span class="pr-issuer"></span><br>${esc(dateText(asOf))}</footer>`;
    issuer('mujun.issuer.plan', t('prProvinceOffice'));
  } catch (e) {
    document.getElementById('error').textContent = e.status === 401 ? t('signIn') : e.localized ? e.localized() : e.message;
  }
}

main();
