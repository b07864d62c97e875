'use strict';
// The recsys web demo: talks to the JSON API under /api/ (see docs/web.md for its endpoints).

const $ = (id) => document.getElementById(id);
let startTrack = null;
let featureNames = [];
let debounceTimer = null;
let shuffleRequest = 0;
let listenerRequest = 0;
const mySongs = new Map();

const FEATURE_LABELS = {
  'similarity': 'sounds similar', 'recency': 'not played lately', 'never-played': 'not played yet',
  'same-artist': 'same artist', 'artist-recent': 'artist played lately', 'key': 'compatible key',
  'tempo': 'close tempo', 'diversity': 'genre change', 'drift': 'drifts from the start'
};
const featureLabel = (name) => FEATURE_LABELS[name] || name;

/** An error whose message is fit to show a person. */
class FriendlyError extends Error {}

async function api(path, params) {
  const query = new URLSearchParams(params || {}).toString();
  let response;
  try {
    response = await fetch('/api/' + path + (query ? '?' + query : ''));
  } catch (e) {
    throw new FriendlyError('The server could not be reached. Is `recsys serve` still running?');
  }
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    if (response.status >= 500) {
      throw new FriendlyError('Something went wrong on the server; please try again.');
    }
    throw new FriendlyError((body && body.error) || ('The request failed (HTTP ' + response.status + ').'));
  }
  return body;
}

function showError(id, error) {
  const el = $(id);
  const message = !error ? '' : (error instanceof FriendlyError ? error.message
    : 'Something went wrong in the page; please reload it.');
  el.hidden = !error;
  el.textContent = message;
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

function trackLabel(t) {
  return t.title + (t.artist ? ' \u2014 ' + t.artist : '');
}

function trackLine(t) {
  const span = el('span');
  span.append(el('span', 'title', t.title));
  if (t.artist) span.append(' \u2014 ', el('span', 'artist', t.artist));
  return span;
}

const pct = (x) => Math.round(100 * x) + '%';

/** An accessible autocomplete: arrow keys move, Enter picks, Escape closes. */
function suggest(input, list, fetcher, render, text, onPick) {
  let items = [];
  let active = -1;
  let request = 0;
  const close = () => { list.innerHTML = ''; items = []; active = -1; input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant'); };
  const highlight = (i) => {
    active = i;
    [...list.children].forEach((li, j) => li.classList.toggle('active', j === i));
    if (i >= 0 && list.children[i]) {
      input.setAttribute('aria-activedescendant', list.children[i].id);
      list.children[i].scrollIntoView({ block: 'nearest' });
    }
  };
  const pick = (i) => {
    const item = items[i];
    input.value = text(item);
    close();
    onPick(item);
  };
  input.addEventListener('input', () => {
    const q = input.value.trim();
    const mine = ++request;
    if (q.length < 1) { close(); return; }
    fetcher(q).then((found) => {
      if (mine !== request) return;
      close();
      items = found;
      found.forEach((item, i) => {
        const li = el('li');
        li.id = list.id + '-' + i;
        li.setAttribute('role', 'option');
        li.append(...render(item));
        li.addEventListener('mousedown', (e) => { e.preventDefault(); pick(i); });
        list.appendChild(li);
      });
      if (found.length === 0) {
        const li = el('li', 'empty', 'No match; try another word.');
        li.setAttribute('aria-disabled', 'true');
        list.appendChild(li);
      }
      input.setAttribute('aria-expanded', 'true');
    }).catch(() => close());
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && items.length) { e.preventDefault(); highlight((active + 1) % items.length); }
    else if (e.key === 'ArrowUp' && items.length) { e.preventDefault(); highlight((active - 1 + items.length) % items.length); }
    else if (e.key === 'Enter' && items.length) { e.preventDefault(); pick(Math.max(0, active)); }
    else if (e.key === 'Escape') { close(); }
  });
  // closes after a click on an option has been handled, unless the box has the focus again by then (a list filled
  // for what was typed after a quick blur and focus stays open)
  input.addEventListener('blur', () => setTimeout(() => { if (document.activeElement !== input) close(); }, 150));
}

const trackOption = (t) => [el('span', 'title', t.title), el('small', null, (t.artist || 'unknown artist')
  + (t.genres.length ? ' \u00b7 ' + t.genres.slice(0, 2).join(', ') : ''))];

function weightParams() {
  const params = { temperature: $('temperature').value };
  featureNames.forEach((name) => { params['w.' + name] = $('w-' + name).value; });
  return params;
}

function renderFactors(factors) {
  const grid = el('div', 'factors');
  const max = Math.max(0.001, ...factors.map((f) => Math.abs(f.contribution)));
  factors.forEach((f) => {
    const bar = el('div', 'bar');
    bar.setAttribute('aria-hidden', 'true');
    const fill = el('span', f.contribution >= 0 ? 'pos' : 'neg');
    fill.style.width = (50 * Math.abs(f.contribution) / max) + '%';
    bar.appendChild(fill);
    grid.append(el('span', null, featureLabel(f.label)), bar,
      el('span', 'num', (f.contribution >= 0 ? '+' : '') + f.contribution.toFixed(2)));
  });
  return grid;
}

function renderWhy(pick) {
  const details = el('details', 'why');
  const top = pick.alternatives[0];
  const summary = el('summary', null, 'Why this song?');
  details.appendChild(summary);
  const lead = el('p', 'meta');
  if (pick.rank === 1) {
    lead.textContent = 'The likeliest of ' + pick.candidates + ' candidates (' + pct(pick.probability) + ')'
      + (top ? '; it beat ' + trackLabel(top.track) + ' mostly on \u201c' + featureLabel(top.tippedBy) + '\u201d.' : '.');
  } else {
    lead.textContent = 'Drawn at ' + pct(pick.probability) + ', number ' + pick.rank + ' of ' + pick.candidates
      + ' candidates: the shuffle samples, so a likely song is not always the one played.';
  }
  details.appendChild(lead);
  details.appendChild(renderFactors(pick.factors.filter((f) => Math.abs(f.contribution) > 1e-9)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, 6)));
  if (pick.alternatives.length) {
    const table = el('table', 'runners');
    const head = el('tr');
    head.append(el('th', null, 'Runner-up'), el('th', 'num', 'chance'), el('th', null, 'lost on'));
    table.appendChild(head);
    pick.alternatives.forEach((a) => {
      const tr = el('tr');
      const name = el('td');
      name.appendChild(trackLine(a.track));
      tr.append(name, el('td', 'num', pct(a.probability)),
        el('td', null, a.margin >= 0 ? featureLabel(a.tippedBy) : 'was likelier (' + featureLabel(a.tippedBy) + ')'));
      table.appendChild(tr);
    });
    details.appendChild(table);
  }
  return details;
}

function renderMetrics(metrics) {
  const box = $('metrics');
  box.innerHTML = '';
  const rows = [
    ['Repeated songs', (m) => pct(m.repeatRate), 'share of songs played twice'],
    ['Artist repeats', (m) => String(m.artistRepeats), 'songs by an artist already played'],
    ['Coherence', (m) => m.coherence.toFixed(2), 'mean similarity of consecutive songs (0 = unrelated)']];
  rows.forEach(([label, fmt, help]) => {
    const card = el('div', 'metric');
    card.append(el('div', 'label', label));
    const values = el('div', 'values');
    values.append(el('span', 'smart', 'smart ' + fmt(metrics.smart)), el('span', 'plain', 'plain ' + fmt(metrics.plain)));
    card.append(values, el('div', 'meta', help));
    box.appendChild(card);
  });
  box.hidden = false;
}

async function shuffle() {
  if (!startTrack) return;
  const mine = ++shuffleRequest;
  try {
    const result = await api('shuffle', Object.assign({
      start: startTrack.id, length: $('length').value, seed: $('seed').value }, weightParams()));
    if (mine !== shuffleRequest) return;
    showError('shuffle-error', null);
    $('shuffle-empty').hidden = true;
    $('shuffle-results').hidden = false;
    renderMetrics(result.metrics);
    const smart = $('smart-list');
    smart.innerHTML = '';
    result.smart.forEach((pick, i) => {
      const li = el('li', 'pick');
      li.appendChild(trackLine(pick.track));
      const meta = el('div', 'meta');
      if (pick.track.genres.length) meta.appendChild(el('span', 'chip', pick.track.genres[0]));
      meta.append(i === 0 ? 'start song' : pct(pick.probability) + ' chance');
      li.appendChild(meta);
      if (i > 0) li.appendChild(renderWhy(pick));
      smart.appendChild(li);
    });
    markMap(result.smart.map((pick) => pick.track.id));
    const plain = $('plain-list');
    plain.innerHTML = '';
    result.plain.forEach((t) => {
      const li = el('li');
      li.appendChild(trackLine(t));
      const meta = el('div', 'meta');
      if (t.genres.length) meta.appendChild(el('span', 'chip', t.genres[0]));
      li.appendChild(meta);
      plain.appendChild(li);
    });
  } catch (e) {
    if (mine === shuffleRequest) showError('shuffle-error', e);
  }
}

function reshuffleSoon() {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(shuffle, 200);
}

function chooseStart(track) {
  startTrack = track;
  $('song-search').value = trackLabel(track);
  $('shuffle-button').disabled = false;
  shuffle();
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Draws the map of the track embeddings (GET /api/map): one dot per song, coloured by genre. */
async function initMap(info) {
  if (!info.embeddingMap) return;
  const section = $('map-section');
  section.hidden = false;
  let map;
  try {
    map = await api('map');
  } catch (e) {
    showError('map-error', e);
    return;
  }
  $('map-caption').textContent = map.caption;
  const svg = $('map-view');
  const width = 640;
  const height = 440;
  const pad = 12;
  const xs = map.points.map((p) => p.x);
  const ys = map.points.map((p) => p.y);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const scale = Math.min((width - 2 * pad) / Math.max(Math.max(...xs) - minX, 1e-9),
    (height - 2 * pad) / Math.max(Math.max(...ys) - minY, 1e-9));
  const colour = (genre) => {
    const i = map.genres.indexOf(genre);
    return i >= 0 ? map.colours[i] : map.otherColour;
  };
  svg.innerHTML = '';
  map.points.forEach((p) => {
    const dot = document.createElementNS(SVG_NS, 'circle');
    dot.setAttribute('cx', (pad + (p.x - minX) * scale).toFixed(1));
    dot.setAttribute('cy', (height - pad - (p.y - minY) * scale).toFixed(1));
    dot.setAttribute('r', '3.2');
    dot.setAttribute('fill', colour(p.genre));
    dot.setAttribute('class', 'map-point');
    dot.dataset.id = p.id;
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = p.title + ' (' + p.genre + ')';
    dot.appendChild(title);
    dot.addEventListener('click', () => {
      chooseStart({ id: p.id, title: p.title, artist: '', genres: [p.genre] });
      $('shuffle-section').scrollIntoView({ behavior: 'smooth' });
    });
    svg.appendChild(dot);
  });
  const legend = $('map-legend');
  legend.innerHTML = '';
  const keys = map.genres.concat(map.points.some((p) => p.genre === 'other') ? ['other'] : []);
  keys.forEach((g) => {
    const li = el('li');
    const sw = el('span', 'sw');
    sw.style.background = colour(g);
    li.append(sw, el('span', null, g));
    legend.appendChild(li);
  });
}

/** Rings the map's dots of the given track ids (the current smart shuffle). */
function markMap(ids) {
  const wanted = new Set(ids);
  document.querySelectorAll('#map-view .map-point').forEach((dot) => {
    dot.classList.toggle('in-playlist', wanted.has(dot.dataset.id));
  });
}

function genreChart(genres, twoSided) {
  const wrap = el('div');
  if (twoSided) {
    const legend = el('div', 'legend');
    const a = el('span', 'sw'); a.style.background = 'var(--mine)';
    const b = el('span', 'sw'); b.style.background = 'var(--theirs)';
    legend.append(a, 'this listener', b, 'match');
    wrap.appendChild(legend);
  }
  const chart = el('div', 'genre-chart');
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', 'genre shares: ' + genres.map((g) => g.genre + ' ' + pct(g.mine)
    + (twoSided ? ' vs ' + pct(g.theirs) : '')).join(', '));
  genres.forEach((g) => {
    const pair = el('div', 'pair');
    const m = el('div', 'b mine'); m.style.width = (100 * g.mine) + '%';
    pair.appendChild(m);
    if (twoSided) { const t = el('div', 'b theirs'); t.style.width = (100 * g.theirs) + '%'; pair.appendChild(t); }
    chart.append(el('span', null, g.genre), pair, el('span', 'num', twoSided ? pct(g.mine) + ' / ' + pct(g.theirs) : pct(g.mine)));
  });
  wrap.appendChild(chart);
  return wrap;
}

function renderProfile(profile) {
  const box = $('profile');
  box.innerHTML = '';
  const head = el('div', 'head');
  head.append(el('strong', null, profile.listener.name), el('span', 'meta', profile.listener.description));
  box.append(head, genreChart(profile.genres, false));
  if (profile.topArtists.length) box.append(el('div', 'meta', 'Top artists: ' + profile.topArtists.join(', ')));
  if (profile.topTracks.length) box.append(el('div', 'meta', 'Most played: ' + profile.topTracks.map(trackLabel).join('; ')));
  box.hidden = false;
}

function renderSimilar(similar) {
  const list = $('similar-list');
  list.innerHTML = '';
  if (!similar.length) list.appendChild(el('li', 'meta', 'No similar listener found.'));
  similar.forEach((m) => {
    const li = el('li', 'card');
    const head = el('div', 'head');
    head.append(el('span', 'title', m.listener.name), el('span', 'score', 'match ' + m.score.toFixed(2)));
    li.append(head, el('div', 'meta', m.listener.description), el('div', 'meta', m.summary));
    li.appendChild(genreChart(m.genres.slice(0, 4), true));
    if (m.sharedArtists.length) li.appendChild(el('div', 'meta', 'Shared artists: ' + m.sharedArtists.join(', ')));
    if (m.sharedTracks.length) li.appendChild(el('div', 'meta', 'Shared songs: ' + m.sharedTracks.map(trackLabel).join('; ')));
    list.appendChild(li);
  });
}

function renderRecommendations(recs) {
  const list = $('recommendation-list');
  list.innerHTML = '';
  if (!recs.length) list.appendChild(el('li', 'meta', 'Nothing to recommend yet.'));
  recs.forEach((r) => {
    const li = el('li');
    li.appendChild(trackLine(r.track));
    li.appendChild(el('div', 'meta', r.reason));
    list.appendChild(li);
  });
}

function clearListenerResults() {
  ['listener-error', 'similar-error', 'recommendation-error'].forEach((id) => showError(id, null));
  $('similar-list').innerHTML = '';
  $('recommendation-list').innerHTML = '';
}

async function showListener(listener) {
  const mine = ++listenerRequest;
  clearListenerResults();
  // each part is shown on its own: a failing part leaves the others visible
  const [profile, similar, recs] = await Promise.allSettled([
    api('listeners/profile', { id: listener.id }),
    api('listeners/similar', { id: listener.id, k: 6 }),
    api('listeners/recommendations', { id: listener.id, k: 10 })]);
  if (mine !== listenerRequest) return;
  if (profile.status === 'fulfilled') renderProfile(profile.value); else showError('listener-error', profile.reason);
  if (similar.status === 'fulfilled') renderSimilar(similar.value); else showError('similar-error', similar.reason);
  if (recs.status === 'fulfilled') renderRecommendations(recs.value); else showError('recommendation-error', recs.reason);
}

function showAdded(result) {
  renderProfile(result.profile);
  renderSimilar(result.similar);
  renderRecommendations(result.recommendations);
}

function renderMySongs() {
  const list = $('my-songs');
  list.innerHTML = '';
  mySongs.forEach((t, id) => {
    const li = el('li');
    const remove = el('button', null, '\u00d7');
    remove.setAttribute('aria-label', 'remove ' + trackLabel(t));
    remove.addEventListener('click', () => { mySongs.delete(id); renderMySongs(); });
    li.append(trackLabel(t), remove);
    list.appendChild(li);
  });
  $('add-me').disabled = mySongs.size === 0;
}

async function addMe() {
  const mine = ++listenerRequest;
  clearListenerResults();
  try {
    const result = await api('listeners/add', { tracks: [...mySongs.keys()].join(','), k: 6 });
    if (mine === listenerRequest) showAdded(result);
  } catch (e) {
    if (mine === listenerRequest) showError('listener-error', e);
  }
}

async function importPlaylist() {
  const mine = ++listenerRequest;
  clearListenerResults();
  const url = $('playlist-url').value.trim();
  if (!url) { showError('listener-error', new FriendlyError('Paste a playlist URL first.')); return; }
  try {
    const result = await api('listeners/playlist', { url, k: 6 });
    if (mine === listenerRequest) showAdded(result);
  } catch (e) {
    if (mine === listenerRequest) showError('listener-error', e);
  }
}

function addSlider(name, value) {
  const row = el('div', 'slider');
  const label = el('label', null, featureLabel(name));
  label.htmlFor = 'w-' + name;
  const input = document.createElement('input');
  input.type = 'range'; input.min = -5; input.max = 5; input.step = 0.1;
  input.value = value;
  input.id = 'w-' + name;
  const out = el('output', null, Number(value).toFixed(1));
  input.addEventListener('input', () => { out.textContent = Number(input.value).toFixed(1); reshuffleSoon(); });
  row.append(label, input, out);
  $('weights').appendChild(row);
}

async function init() {
  const info = await api('info');
  $('catalog-info').textContent = info.description;
  const features = await api('features');
  featureNames = features.names;
  features.names.forEach((name, i) => addSlider(name, features.weights[i]));
  $('temperature').value = features.temperature;
  $('temperature-value').textContent = features.temperature;
  $('temperature').addEventListener('input', () => {
    $('temperature-value').textContent = $('temperature').value;
    reshuffleSoon();
  });
  const suggested = $('suggested-start');
  suggested.textContent = 'Start from \u201c' + trackLabel(info.suggestedStart) + '\u201d';
  suggested.disabled = false;
  suggested.addEventListener('click', () => chooseStart(info.suggestedStart));
  $('length').addEventListener('change', reshuffleSoon);
  $('seed').addEventListener('change', reshuffleSoon);
  $('shuffle-button').addEventListener('click', shuffle);
  suggest($('song-search'), $('song-suggestions'), (q) => api('tracks', { q, limit: 8 }), trackOption, trackLabel, chooseStart);
  initMap(info);
  if (!info.listenerModel) {
    $('listener-tools').hidden = true;
    $('listener-results').hidden = true;
    const note = $('listener-unavailable');
    note.textContent = 'This catalogue was served without a listener model, so there are no listeners to compare here. '
      + 'Run `recsys serve` without --model to try listeners on a synthetic world.';
    note.hidden = false;
    return;
  }
  suggest($('listener-search'), $('listener-suggestions'), (q) => api('listeners', { q, limit: 8 }),
    (l) => [el('span', 'title', l.name), el('small', null, l.description)], (l) => l.name, showListener);
  suggest($('my-song-search'), $('my-song-suggestions'), (q) => api('tracks', { q, limit: 8 }), trackOption,
    () => '', (t) => { mySongs.set(t.id, t); renderMySongs(); });
  $('add-me').addEventListener('click', addMe);
  if (info.playlistImport) {
    $('playlist-import').hidden = false;
    $('import-playlist').addEventListener('click', importPlaylist);
    $('playlist-url').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); importPlaylist(); } });
  }
}

init().catch((e) => showError('shuffle-error', e));
