// The applicant's hosted verification flow (spec §13). Plain JavaScript, no dependencies: it talks only to the
// token-scoped API under /verify/{token}/api and builds every screen from its own strings (never from HTML),
// so the page's Content-Security-Policy can forbid inline scripts and every other origin.
'use strict';

(() => {
  const root = document.getElementById('flow');
  const token = root.dataset.token;
  const lang = document.documentElement.lang;
  const live = document.getElementById('status');
  const NEEDS_BACK = ['id_card', 'driving_license'];
  const POLL_SECONDS = 30;
  let strings = {};
  let session = null;
  let documentType = null;
  let stream = null;

  const t = (key) => strings[key] || key;

  function api(path, options = {}) {
    return fetch(`/verify/${encodeURIComponent(token)}/api${path}`, { credentials: 'omit', ...options });
  }

  /** Announces a message to screen readers and shows it under the screen's heading. */
  function say(message, kind = 'info') {
    live.textContent = message;
    live.className = `status status-${kind}`;
  }

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'text') node.textContent = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  /** Replaces the screen; the heading takes focus so keyboard and screen-reader users start at the top. */
  function screen(heading, ...content) {
    stopCamera();
    say('');
    const title = el('h1', { tabindex: '-1', text: heading });
    root.replaceChildren(title, ...content);
    title.focus();
  }

  async function errorMessage(response) {
    if (response.status === 429) return t('error.rateLimited');
    if (response.status === 503) return t('error.busy');
    if (response.status === 413) return t('error.tooLarge');
    if (response.status === 415) return t('error.type');
    if (response.status === 409) {
      await refreshSession();
      if (session && session.status === 'expired') return t('error.expired');
    }
    return t('error.generic');
  }

  async function refreshSession() {
    const response = await api('/session');
    session = response.ok ? await response.json() : null;
    return session;
  }

  // ---- camera ---------------------------------------------------------------------------------------------

  async function startCamera(video, facing) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) throw new Error('no camera');
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: facing, width: { ideal: 1920 }, height: { ideal: 1080 } },
      audio: false,
    });
    video.srcObject = stream;
    await video.play();
  }

  function stopCamera() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
  }

  function grab(video) {
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d').drawImage(video, 0, 0);
    return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
  }

  /**
   * A capture screen: live camera with a guide frame and a shutter, and a file picker that always works
   * (no camera, camera refused, or an applicant who prefers a saved photo). Resolves with the chosen image.
   */
  function capture(heading, guide, facing, accept, overlayClass) {
    return new Promise((resolve) => {
      const video = el('video', { playsinline: true, muted: true, 'aria-label': guide });
      const frame = el('div', { class: `camera ${overlayClass}` }, video, el('div', { class: 'guide', 'aria-hidden': 'true' }));
      const shutter = el('button', { type: 'button', class: 'primary', text: t('capture.take'), disabled: true });
      const picker = el('input', { type: 'file', id: 'file', accept, class: 'visually-hidden' });
      const pickerLabel = el('label', { for: 'file', class: 'button secondary', text: t('capture.upload') });
      shutter.addEventListener('click', async () => {
        shutter.disabled = true;
        resolve(await grab(video));
      });
      picker.addEventListener('change', () => {
        if (picker.files.length) resolve(picker.files[0]);
      });
      screen(heading, el('p', { text: guide }), frame, el('div', { class: 'actions' }, shutter, pickerLabel, picker));
      startCamera(video, facing).then(() => { shutter.disabled = false; }).catch(() => {
        frame.remove();
        shutter.remove();
        say(t('capture.noCamera'));
        pickerLabel.classList.replace('secondary', 'primary');
      });
    });
  }

  /** Shows the server's immediate verdict on an upload; resolves true to continue, false to retake. */
  function review(heading, feedback) {
    return new Promise((resolve) => {
      const problems = (feedback && feedback.problems) || [];
      const retake = el('button', { type: 'button', class: problems.length ? 'primary' : 'secondary', text: t('capture.retake'), onclick: () => resolve(false) });
      const next = el('button', { type: 'button', class: problems.length ? 'secondary' : 'primary', text: t('capture.continue'), onclick: () => resolve(true) });
      // The list is an alert: read out at once, shown once (not repeated in the status line).
      const list = el('ul', { class: 'problems', role: 'alert' }, ...problems.map((code) => el('li', { text: t(`feedback.${code}`) })));
      screen(heading, problems.length ? list : el('p', { role: 'status', text: t('capture.ok') }), el('div', { class: 'actions' }, problems.length ? retake : next, problems.length ? next : retake));
    });
  }

  /** Capture, upload and review until the applicant keeps a photo the server accepted. */
  async function uploadUntilKept(heading, guide, facing, accept, overlayClass, send) {
    for (;;) {
      const image = await capture(heading, guide, facing, accept, overlayClass);
      screen(heading, el('p', { class: 'busy', text: t('capture.checking') }));
      const response = await send(image);
      if (!response.ok) {
        say(await errorMessage(response), 'error');
        if (session && session.status !== 'created') return false;
        await pause(1500);
        continue;
      }
      const body = await response.json();
      if (await review(heading, body.feedback)) return true;
    }
  }

  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // ---- steps ----------------------------------------------------------------------------------------------

  function welcome() {
    return new Promise((resolve) => {
      const box = el('input', { type: 'checkbox', id: 'consent' });
      const start = el('button', { type: 'submit', class: 'primary', text: t('welcome.start') });
      const form = el('form', { novalidate: true },
        el('div', { class: 'check' }, box, el('label', { for: 'consent', text: t('welcome.consent') })),
        el('div', { class: 'actions' }, start));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (!box.checked) {
          say(t('welcome.consentRequired'), 'error');
          box.focus();
          return;
        }
        start.disabled = true;
        const response = await api('/consent', {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ accepted: true }),
        });
        if (response.ok) resolve();
        else {
          say(await errorMessage(response), 'error');
          start.disabled = false;
        }
      });
      screen(t('welcome.heading'), el('p', { text: t('welcome.body') }), form);
    });
  }

  function chooseDocumentType() {
    const types = session.document_types;
    if (types.length === 1) return Promise.resolve(types[0]);
    return new Promise((resolve) => {
      const options = types.map((type) => el('button', {
        type: 'button', class: 'choice', text: t(`doctype.${type}`), onclick: () => resolve(type),
      }));
      screen(t('doctype.heading'), el('div', { class: 'choices', role: 'group', 'aria-label': t('doctype.heading') }, ...options));
    });
  }

  function sendDocument(side) {
    return (image) => {
      const form = new FormData();
      form.append('file', image, image.name || `${side}.jpg`);
      form.append('side', side);
      form.append('document_type', documentType);
      return api('/documents', { method: 'POST', body: form });
    };
  }

  async function documentStep() {
    documentType = await chooseDocumentType();
    const accept = 'image/jpeg,image/png,application/pdf';
    const frontHeading = documentType === 'passport' ? t('capture.passport') : t('capture.front');
    if (!await uploadUntilKept(frontHeading, t('capture.guide'), 'environment', accept, 'document', sendDocument('front'))) return false;
    if (NEEDS_BACK.includes(documentType)) {
      return uploadUntilKept(t('capture.back'), t('capture.guide'), 'environment', accept, 'document', sendDocument('back'));
    }
    return true;
  }

  function selfieStep() {
    return uploadUntilKept(t('selfie.heading'), t('selfie.guide'), 'user', 'image/jpeg,image/png', 'face', (image) => {
      const form = new FormData();
      form.append('image', image, image.name || 'selfie.jpg');
      return api('/selfie', { method: 'POST', body: form });
    });
  }

  /**
   * Active liveness: each challenge is shown in turn while frames are captured, three per challenge (8 to 12 in
   * all, as the API takes), in the order performed.
   */
  async function livenessStep() {
    const challenges = session.liveness.challenges;
    const perChallenge = Math.max(1, Math.min(3, Math.floor(12 / challenges.length)));
    const total = Math.max(8, perChallenge * challenges.length);
    for (;;) {
      const video = el('video', { playsinline: true, muted: true, 'aria-label': t('liveness.guide') });
      const prompt = el('p', { class: 'prompt', 'aria-live': 'assertive' });
      const start = el('button', { type: 'button', class: 'primary', text: t('liveness.start'), disabled: true });
      const started = new Promise((resolve) => start.addEventListener('click', resolve));
      screen(t('liveness.heading'), el('p', { text: t('liveness.guide') }), el('div', { class: 'camera face' }, video, el('div', { class: 'guide', 'aria-hidden': 'true' })), prompt, el('div', { class: 'actions' }, start));
      try {
        await startCamera(video, 'user');
      } catch {
        say(t('capture.noCamera'), 'error');
        return false;
      }
      start.disabled = false;
      await started;
      start.remove();
      const frames = [];
      while (frames.length < total) {
        const challenge = challenges[Math.min(challenges.length - 1, Math.floor(frames.length / perChallenge))];
        prompt.textContent = t(`liveness.${challenge}`);
        await pause(frames.length % perChallenge === 0 ? 1200 : 400);
        frames.push(await grab(video));
      }
      prompt.textContent = t('liveness.done');
      stopCamera();
      const form = new FormData();
      frames.forEach((frame, i) => form.append('frames', frame, `frame-${i}.jpg`));
      const response = await api('/liveness', { method: 'POST', body: form });
      if (response.ok) return true;
      say(await errorMessage(response), 'error');
      if (session && session.status !== 'created') return false;
      await pause(1500);
    }
  }

  async function submitAndWait() {
    screen(t('submit.heading'), el('p', { text: t('submit.body') }), el('div', { class: 'spinner', role: 'progressbar', 'aria-label': t('submit.heading') }));
    const response = await api('/submit', { method: 'POST' });
    if (!response.ok) {
      say(await errorMessage(response), 'error');
      return;
    }
    let redirect = (await response.json()).redirect_to;
    const deadline = Date.now() + POLL_SECONDS * 1000;
    while (Date.now() < deadline) {
      await pause(2000);
      if (!await refreshSession()) break;
      redirect = session.redirect_to || redirect;
      if (session.status !== 'processing') break;
    }
    finish(session ? session.status : 'processing', redirect);
  }

  function finish(status, redirect) {
    const message = { approved: 'result.approved', declined: 'result.declined', expired: 'result.expired' }[status] || 'result.processing';
    screen(t(message), redirect ? el('p', { class: 'busy', text: t('result.redirecting') }) : null);
    root.dataset.result = status;
    if (redirect) setTimeout(() => window.location.assign(redirect), 1500);
  }

  async function main() {
    strings = await (await fetch(`/verify/assets/i18n/${lang}.json`)).json();
    if (!await refreshSession()) {
      screen(t('error.expired'));
      return;
    }
    if (session.status !== 'created') {
      finish(session.status, session.redirect_to);
      return;
    }
    if (!session.consent_given) await welcome();
    const steps = session.steps;
    if (steps.includes('document') && !await documentStep()) return finish(session.status, session.redirect_to);
    if (steps.includes('selfie') && !await selfieStep()) return finish(session.status, session.redirect_to);
    if (session.liveness && session.liveness.mode === 'active' && !await livenessStep()) return finish(session.status, session.redirect_to);
    await submitAndWait();
  }

  main().catch(() => say(t('error.generic'), 'error'));
})();
