// Round trips on the path to a frame, from a page's WebSocket log (instrument.mjs `ws.log`) taken
// through a link with a known round trip (run.mjs --rtt). Walks back from the frame: the request
// it answers (same IQ id or MAM queryid; otherwise the last frame written at least one round trip
// earlier), then what that request waited for (the last frame received before it was written),
// and so on to the socket's first frame. SM acks (<r/>, <a/>) wait for nothing and answer nothing.

const isAck = (f) => /^<(r|a)\b/.test(f.head);

/** @param {{t:number,dir:'in'|'out',head:string,id?:string,qid?:string}[]} log @param {number} at page time of the frame */
export function roundTrips(log, at, rttMs) {
  const frames = log.filter((f) => !isAck(f));
  let frame = frames.find((f) => f.dir === 'in' && f.t >= at - 1);
  let n = 0;
  while (frame) {
    const { t, id, qid } = frame;
    const earlier = frames.filter((f) => f.dir === 'out' && f.t <= t);
    const request = earlier.findLast((f) => (qid && f.qid === qid) || (id && f.id === id && !qid)) ?? earlier.findLast((f) => f.t <= t - rttMs * 0.9);
    if (!request) break;
    n++;
    frame = frames.findLast((f) => f.dir === 'in' && f.t <= request.t);
  }
  return n;
}
