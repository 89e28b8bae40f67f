// The legal dates of idle land on a tag (闲置土地处置办法, 国土资源部令第53号): from which day it is idle, the fee is due
// and it may be recovered, each with its rule and its start, the reading of "满一年" in force, the periods that stopped
// the clock (art. 8) and the decisions recorded; red flags for a fee or recovery date passed without a decision.
import { t } from './i18n.js';
import { esc } from './format.js';

/** Returns the HTML of the legal dates of an idle tag's properties {@code p} (empty for other kinds). */
export function legalDatesHtml(p, canEdit) {
  const d = p.legalDates;
  if (!d || d.basis === 'none') return '';
  const flag = (on, key) => (on ? ` <span class="flag" data-test="${key}">${esc(t(key))}</span>` : '');
  const decided = (on, ref) => (on ? `<br><small>${esc(t('decidedOn'))} ${esc(on)}${ref ? ' · ' + esc(ref) : ''}</small>` : '');
  const pauses = (d.pauses || []).map((x) => `<li data-pause="${Number(x.id)}" data-version="${Number(x.version)}">${esc(x.startsOn)} – ${esc(x.endsOn)} ·
      ${esc(t('cause_' + x.cause))} · ${esc(x.evidence)}${canEdit ? ` <button type="button" data-withdraw>${esc(t('withdraw'))}</button>` : ''}</li>`).join('');
  return `<h3>${esc(t('legalDates'))}</h3>
    <table class="facts" data-test="legal-dates">
      <tr><th>${esc(t('idleBasis'))}</th><td>${esc(t('basis_' + d.basis))}: ${esc(t(d.startField))} ${esc(d.startDate)}</td></tr>
      <tr><th>${esc(t('idleFrom'))}</th><td data-test="idle-from">${esc(d.idleFrom)} <small>${esc(d.idleRule)} · ${esc(t('fullYears', { n: d.idleYears }))}</small></td></tr>
      <tr><th>${esc(t('feeFrom'))}</th><td data-test="fee-from">${esc(d.feeFrom)} <small>${esc(d.feeRule)}</small>${flag(p.feeDatePassed, 'feeDatePassed')}${decided(p.feeDecidedOn, p.feeDecisionRef)}</td></tr>
      <tr><th>${esc(t('recoveryDate'))}</th><td data-test="recovery-from">${esc(d.recoveryFrom)} <small>${esc(d.recoveryRule)} · ${esc(t('fullYears', { n: d.recoveryYears }))}</small>${flag(p.recoveryDatePassed, 'recoveryDatePassed')}${decided(p.recoveryDecidedOn, p.recoveryDecisionRef)}</td></tr>
      <tr><th>${esc(t('fullYearReading'))}</th><td data-test="reading">${esc(t('reading_' + d.reading))}</td></tr>
      <tr><th>${esc(t('pausedDays'))}</th><td>${Number(d.pausedDays)}</td></tr>
    </table>
    ${pauses ? `<ul class="list" id="le-pauses">${pauses}</ul>` : ''}
    ${canEdit ? `<details><summary>${esc(t('addPause'))}</summary><form class="form" id="le-pause-form">
      <label><span>${esc(t('pauseCause'))}</span><select name="cause">${['government', 'planning', 'force_majeure', 'other'].map((c) => `<option value="${c}">${esc(t('cause_' + c))}</option>`).join('')}</select></label>
      <label><span>${esc(t('pauseFrom'))}</span><input type="date" name="startsOn" required></label>
      <label><span>${esc(t('pauseTo'))}</span><input type="date" name="endsOn" required></label>
      <label><span>${esc(t('pauseEvidence'))}</span><textarea name="evidence" rows="2" required></textarea></label>
      <p class="msg error" id="le-pause-error"></p>
      <div class="actions"><button type="submit" class="primary">${esc(t('save'))}</button></div></form></details>
      <details><summary>${esc(t('recordDecision'))}</summary><form class="form" id="le-decision-form">
      <label><span>${esc(t('decisionKind'))}</span><select name="kind"><option value="fee">${esc(t('decision_fee'))}</option><option value="recovery">${esc(t('decision_recovery'))}</option></select></label>
      <label><span>${esc(t('decidedOn'))}</span><input type="date" name="decidedOn" required></label>
      <label><span>${esc(t('decisionRef'))}</span><input name="reference" required maxlength="200"></label>
      <p class="msg error" id="le-decision-error"></p>
      <div class="actions"><button type="submit" class="primary">${esc(t('save'))}</button></div></form></details>` : ''}`;
}

/** Wires the pause and decision forms of {@code box} for the tag (its id, parcel and ETag); {@code done} reloads it. */
export function wireLegalDates(box, api, tag, done, toast) {
  const pause = box.querySelector('#le-pause-form');
  if (pause) {
    pause.onsubmit = async (ev) => {
      ev.preventDefault();
      try {
        await api(`/api/low-efficiency/parcels/${tag.parcelId}/pauses`, { method: 'POST', body: { cause: pause.cause.value,
          startsOn: pause.startsOn.value, endsOn: pause.endsOn.value, evidence: pause.evidence.value } });
        await done();
      } catch (e) { box.querySelector('#le-pause-error').textContent = e.message; }
    };
  }
  box.querySelectorAll('#le-pauses [data-withdraw]').forEach((b) => {
    const li = b.closest('li');
    b.onclick = async () => {
      const reason = window.prompt(t('withdrawReason'));
      if (!reason) return;
      try {
        await api(`/api/low-efficiency/pauses/${li.dataset.pause}/withdraw`, { method: 'POST', body: { reason },
          headers: { 'If-Match': `"pause-${li.dataset.pause}-v${li.dataset.version}"` } });
        await done();
      } catch (e) { toast(e.message, true); }
    };
  });
  const dec = box.querySelector('#le-decision-form');
  if (dec) {
    dec.onsubmit = async (ev) => {
      ev.preventDefault();
      try {
        await api(`/api/low-efficiency/tags/${tag.id}/decisions`, { method: 'POST', body: { kind: dec.kind.value, decidedOn: dec.decidedOn.value,
          reference: dec.reference.value }, headers: { 'If-Match': tag.etag } });
        await done();
      } catch (e) { box.querySelector('#le-decision-error').textContent = e.message; }
    };
  }
}
