import { render } from 'preact';
import { getToken } from './api/client.js';
import { prefetchChart, prefetchCourse, prefetchRecord } from './api/prefetch.js';
import { App } from './app.js';
import { parseRoute } from './lib/router.js';
import { today } from './views/common.js';
import './styles.css';

// A timeline opened directly (a bookmark, a link from the EHR) starts its requests and the charting
// code before the first render rather than after it.
const route = parseRoute(location.hash);
if (getToken() && route.view === 'patient') {
  prefetchRecord(route.id);
  if (route.tab === 'timeline') {
    prefetchCourse(route.id, today());
    prefetchChart();
  }
}

render(<App />, document.getElementById('app')!);
