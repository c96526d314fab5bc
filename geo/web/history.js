// The browser's address put in place without a new entry of its history (coopmap/ui/history.py says why).
export default function ({ data }) {
  if (data.replace !== null && window.location.search.slice(1) !== data.replace) {
    const address = new URL(window.location.href);
    address.search = data.replace;
    window.history.replaceState(window.history.state, "", address);
  }
}
