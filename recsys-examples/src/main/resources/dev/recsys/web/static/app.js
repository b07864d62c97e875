'use strict';
// The recsys web demo: talks to the JSON API under /api/ (see the README for its endpoints).

const $ = (id) => document.getElementById(id);
let startTrack = null;
let featureNames = [];
let debounceTimer = null;

async function api(path, params) {
  const query = new URLSearchParams(params || {}).toString();
  const response = await fetch('/api/' + path + (query ? '?' + query : ''));
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || ('HTTP ' + response.status));
  }
  return body;
}

function showError(id, error) {
  const el = $(id);
  el.hidden = !error;
  el.textContent = error ? error.message : '';
}

function trackLabel(t) {
  return t.title + (t.artist ? ' \u2014 ' + t.artist : '');
}

function suggest(input, list, fetcher, label, onPick) {
  let items = [];
  input.addEventListener('input', () => {
    const q = input.value.trim();
    if (q.length < 1) { list.innerHTML = ''; return; }
    fetcher(q).then((found) => {
      items = found;
      list.innerHTML = '';
      found.forEach((item, i) => {
        const li = document.createElement('li');
        li.textContent = label(item);
        li.setAttribute('role', 'option');
        li.dataset.index = i;
        li.addEventListener('mousedown', (e) => { e.preventDefault(); pick(i); });
        list.appendChild(li);
      });
    }).catch(() => { list.innerHTML = ''; });
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && items.length > 0) { e.preventDefault(); pick(0); }
  });
  input.addEventListener('blur', () => setTimeout(() => { list.innerHTML = ''; }, 150));
  function pick(i) {
    input.value = label(items[i]);
    list.innerHTML = '';
    onPick(items[i]);
  }
}

function weightParams() {
  const params = { temperature: $('temperature').value };
  featureNames.forEach((name) => { params['w.' + name] = $('w-' + name).value; });
  return params;
}

function renderWhy(factors) {
  const grid = document.createElement('div');
  grid.className = 'why';
  const max = Math.max(0.001, ...factors.map((f) => Math.abs(f.contribution)));
  factors.forEach((f) => {
    const name = document.createElement('span');
    name.textContent = f.label;
    const bar = document.createElement('div');
    bar.className = 'bar';
    const fill = document.createElement('span');
    fill.className = f.contribution >= 0 ? 'pos' : 'neg';
    fill.style.width = (50 * Math.abs(f.contribution) / max) + '%';
    bar.appendChild(fill);
    const value = document.createElement('span');
    value.textContent = f.contribution.toFixed(2);
    grid.append(name, bar, value);
  });
  return grid;
}

async function shuffle() {
  if (!startTrack) return;
  try {
    const result = await api('shuffle', Object.assign({
      start: startTrack.id, length: $('length').value, seed: $('seed').value }, weightParams()));
    showError('shuffle-error', null);
    const smart = $('smart-list');
    smart.innerHTML = '';
    result.smart.forEach((pick, i) => {
      const li = document.createElement('li');
      li.className = 'pick';
      li.textContent = trackLabel(pick.track);
      const meta = document.createElement('div');
      meta.className = 'meta';
      meta.textContent = i === 0 ? 'start' : 'p=' + pick.probability.toFixed(3) + ' \u00b7 ' + pick.track.genres.join(', ');
      li.appendChild(meta);
      if (i > 0) li.appendChild(renderWhy(pick.factors.filter((f) => Math.abs(f.contribution) > 1e-9).slice(0, 5)));
      smart.appendChild(li);
    });
    const plain = $('plain-list');
    plain.innerHTML = '';
    result.plain.forEach((t) => {
      const li = document.createElement('li');
      li.textContent = trackLabel(t);
      const meta = document.createElement('div');
      meta.className = 'meta';
      meta.textContent = t.genres.join(', ');
      li.appendChild(meta);
      plain.appendChild(li);
    });
  } catch (e) {
    showError('shuffle-error', e);
  }
}

function reshuffleSoon() {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(shuffle, 200);
}

async function showListener(listener) {
  try {
    const [similar, recs] = await Promise.all([
      api('listeners/similar', { id: listener.id, k: 10 }),
      api('listeners/recommendations', { id: listener.id, k: 10 })]);
    showError('listener-error', null);
    const sl = $('similar-list');
    sl.innerHTML = '';
    similar.forEach((m) => {
      const li = document.createElement('li');
      li.className = 'pick';
      li.textContent = m.id + ' (' + m.score.toFixed(3) + ')';
      const meta = document.createElement('div');
      meta.className = 'meta';
      meta.textContent = m.explanation.summary;
      li.appendChild(meta);
      li.appendChild(renderWhy(m.explanation.factors.slice(0, 8)));
      sl.appendChild(li);
    });
    const rl = $('recommendation-list');
    rl.innerHTML = '';
    recs.forEach((r) => {
      const li = document.createElement('li');
      li.textContent = trackLabel(r.track);
      const meta = document.createElement('div');
      meta.className = 'meta';
      meta.textContent = r.explanation.summary;
      li.appendChild(meta);
      rl.appendChild(li);
    });
  } catch (e) {
    showError('listener-error', e);
  }
}

async function init() {
  const info = await api('info');
  $('catalog-info').textContent = info.description;
  const features = await api('features');
  featureNames = features.names;
  features.names.forEach((name, i) => {
    const label = document.createElement('label');
    label.textContent = name + ' ';
    const input = document.createElement('input');
    input.type = 'range'; input.min = -5; input.max = 5; input.step = 0.1;
    input.value = features.weights[i];
    input.id = 'w-' + name;
    const out = document.createElement('output');
    out.textContent = Number(features.weights[i]).toFixed(1);
    input.addEventListener('input', () => { out.textContent = Number(input.value).toFixed(1); reshuffleSoon(); });
    label.append(input, out);
    $('weights').appendChild(label);
  });
  $('temperature').value = features.temperature;
  $('temperature-value').textContent = features.temperature;
  $('temperature').addEventListener('input', () => {
    $('temperature-value').textContent = $('temperature').value;
    reshuffleSoon();
  });
  $('length').addEventListener('change', reshuffleSoon);
  $('seed').addEventListener('change', reshuffleSoon);
  $('shuffle-button').addEventListener('click', shuffle);
  suggest($('song-search'), $('song-suggestions'), (q) => api('tracks', { q, limit: 8 }), trackLabel,
    (t) => { startTrack = t; $('shuffle-button').disabled = false; shuffle(); });
  suggest($('listener-search'), $('listener-suggestions'), (q) => api('listeners', { q, limit: 8 }),
    (l) => l.id + (l.description ? ' \u2014 ' + l.description : ''), showListener);
}

init().catch((e) => showError('shuffle-error', e));
