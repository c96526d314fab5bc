// Copy the view's full link, or its citation, in one tap (coopmap/ui/share.py gives the texts).
// The Clipboard API needs a secure page; elsewhere a hidden text area and the older copy command.
async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (error) {
    // not a secure page
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "coopmap-copied-from";
  document.body.appendChild(area);
  area.select();
  let done = false;
  try {
    done = document.execCommand("copy");
  } catch (error) {
    done = false;
  }
  area.remove();
  return done;
}

export default function ({ data, parentElement }) {
  const drawn = JSON.stringify(data);
  if (parentElement.dataset.drawn === drawn) return; // a rerun that changes nothing keeps "Copied"
  parentElement.dataset.drawn = drawn;
  const row = document.createElement("div");
  row.className = "coopmap-share";
  const said = document.createElement("span");
  said.setAttribute("aria-live", "polite");
  said.className = "coopmap-said";
  for (const item of data.buttons) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = item.label;
    button.title = item.text;
    button.dataset.copies = item.name;
    let timer = null;
    button.addEventListener("click", async () => {
      const text = item.name === "link" && !item.text ? window.location.href : item.text;
      const done = await copy(text);
      button.textContent = done ? data.copied : data.failed;
      said.textContent = button.textContent;
      clearTimeout(timer);
      timer = setTimeout(() => {
        button.textContent = item.label;
      }, 2500);
    });
    row.appendChild(button);
  }
  row.appendChild(said);
  parentElement.replaceChildren(row);
}
