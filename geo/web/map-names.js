// The map's names of countries in the page's language (coopmap/ui/deck.py's map_names), a component
// apart from the map's: unchanged from one rerun to the next, they come as a reference to the browser's copy.
import { setNames } from "./map.js";

export default function ({ data }) {
  setNames(data);
}
