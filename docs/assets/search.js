// Site search: the header button and "/" open a dialog; Pagefind (pagefind/, written by
// generator/search.py after the MkDocs build) is loaded only when the reader first types, and
// then fetches only the index pieces and result fragments that query needs.
// The dialog sits in the header, which Material's instant navigation keeps, so it is set up once.
(() => {
  const dialog = document.getElementById("kfd-search");
  const opener = document.querySelector(".kfd-search-open");
  if (!dialog || !opener) return;
  const root = new URL("../", document.currentScript.src);  // this file is assets/search.js
  const input = dialog.querySelector(".kfd-search__input");
  const status = dialog.querySelector(".kfd-search__status");
  const list = dialog.querySelector(".kfd-search__results");
  const more = dialog.querySelector(".kfd-search__more");
  const PAGE = 5;  // results shown at once: each needs its page's fragment of the index
  let pagefind = null;
  let shown = [];  // the current query's results, in rank order
  let generation = 0;  // bumped by each query, so a slow answer to an older one is dropped

  const open = () => {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
  };

  const load = async () => {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(async (module) => {
        await module.options({
          baseUrl: root.pathname,
          excerptLength: 24,
          // Fields generator/search.py adds: other ways of writing the words of the title (a date)
          // and of the text count like the words they stand for; the other names of the person,
          // organisation or place a page is about count more than a title that mentions them.
          ranking: { metaWeights: { title: 5, names: 10, title_also: 5, also: 1 } },
        });
        return module;
      });
    }
    return pagefind;
  };

  const say = (text) => { status.textContent = text; };

  // Pagefind's excerpts are page text with "<" and ">" escaped and bare <mark> tags around the
  // matches. They are parsed inert (in a template) and shown only if that is all they hold;
  // anything else is shown as plain text.
  const excerpt = (html) => {
    const holder = document.createElement("p");
    holder.className = "kfd-search__excerpt";
    const parsed = document.createElement("template");
    parsed.innerHTML = html;
    const onlyMarks = [...parsed.content.querySelectorAll("*")]
      .every((element) => element.localName === "mark" && element.attributes.length === 0);
    holder.append(onlyMarks ? parsed.content : html.replace(/<\/?mark>/g, ""));
    return holder;
  };

  const item = (data) => {
    const li = document.createElement("li");
    li.className = "kfd-search__result";
    const kind = document.createElement("span");
    kind.className = "kfd-search__kind";
    kind.textContent = data.meta.kind || "page";
    const link = document.createElement("a");
    link.className = "kfd-search__link";
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    const heading = document.createElement("p");
    heading.className = "kfd-search__heading";
    heading.append(kind, " ", link);
    li.append(heading, excerpt(data.excerpt));
    return li;
  };

  const showMore = async (current) => {
    const next = shown.slice(list.children.length, list.children.length + PAGE);
    const data = await Promise.all(next.map((result) => result.data()));
    if (current !== generation) return;
    list.append(...data.map(item));
    more.hidden = list.children.length >= shown.length;
  };

  const run = async () => {
    const current = ++generation;
    const query = input.value.trim();
    if (!query) {
      shown = [];
      list.replaceChildren();
      more.hidden = true;
      say("");
      return;
    }
    say("Searching…");
    let search;
    try {
      search = await (await load()).debouncedSearch(query, {}, 300);
    } catch (error) {
      pagefind = null;
      say("Search could not be loaded. Check your connection and type again.");
      return;
    }
    if (search === null || current !== generation) return;  // a newer query took over
    shown = search.results;
    list.replaceChildren();
    await showMore(current);
    if (current !== generation) return;
    const count = shown.length;
    say(count === 0 ? `No results for “${query}”.` : `${count} result${count === 1 ? "" : "s"} for “${query}”.`);
  };

  // Arrow keys move between the search field and the result links; Tab works as usual.
  const links = () => [...list.querySelectorAll(".kfd-search__link")];
  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const all = [input, ...links()];
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    const to = Math.min(Math.max(at + (event.key === "ArrowDown" ? 1 : -1), 0), all.length - 1);
    all[to].focus();
    event.preventDefault();
  });

  input.addEventListener("input", run);
  more.addEventListener("click", () => showMore(generation));
  dialog.querySelector(".kfd-search__close").addEventListener("click", () => dialog.close());
  // A result opens its page (through instant navigation, when on): the dialog closes behind it.
  list.addEventListener("click", (event) => { if (event.target.closest("a")) dialog.close(); });
  // A click on the backdrop, outside the dialog's box, closes it too.
  dialog.addEventListener("click", (event) => {
    const box = dialog.getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right
      && event.clientY >= box.top && event.clientY <= box.bottom;
    if (event.target === dialog && !inside) dialog.close();
  });
  opener.addEventListener("click", open);
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !dialog.open && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    }
  });
  opener.hidden = false;
})();
