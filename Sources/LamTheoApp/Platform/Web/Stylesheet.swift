/// The one stylesheet, phones first: a cell secretary's phone at 360 px is the common screen.
enum Stylesheet {
    static let file = StylesheetFile(css)

    static let css = """
    :root { --ink: #1b1b1b; --muted: #5c5c5c; --line: #d9d4cc; --accent: #a4161a; --bg: #fbf8f3; --ok: #2d6a4f; --warn: #b45309; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--bg); }
    a { color: var(--accent); }
    a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus { outline: 3px solid #f4a261; outline-offset: 1px; }
    header.site { position: relative; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .6rem 1rem; background: var(--accent); }
    header.site a { color: #fff; text-decoration: none; }
    header.site .brand { font-weight: 700; font-size: 1.15rem; margin-right: auto; }
    header.site nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; }
    header.site nav a.lang { border: 1px solid #fff8; border-radius: 4px; padding: 0 .4rem; }
    header.site a.header-badge { border: 1px solid #fff8; border-radius: 4px; padding: .3rem .6rem; min-height: 2.5rem; display: inline-flex; align-items: center; }
    header.site a.header-badge .count { background: #fff; color: var(--accent); border-radius: 1rem; padding: 0 .45rem; margin-left: .35rem; font-weight: 700; }
    ul.notifications { list-style: none; padding: 0; }
    ul.notifications > li { padding: .6rem 0; border-bottom: 1px solid #ddd; }
    ul.notifications > li.unread > a { font-weight: 700; }
    ul.cards { list-style: none; padding: 0; display: grid; gap: .5rem; }
    ul.cards > li, .panel { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; }
    ul.cards > li p { margin: .25rem 0; }
    header.site form.signout { display: inline; }
    header.site form.signout button { background: none; border: 1px solid #fff8; padding: 0 .4rem; color: #fff; font-size: .9rem; }
    /* Phones: the menu is one button; opened, it drops down over the page as a list of large targets. */
    @media (max-width: 47.99rem) {
      header.site details.menu > summary { list-style: none; cursor: pointer; color: #fff; border: 1px solid #fff8; border-radius: 4px; padding: .3rem .8rem; min-height: 2.5rem; display: flex; align-items: center; gap: .4rem; }
      header.site details.menu > summary::-webkit-details-marker { display: none; }
      header.site a.header-badge .label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
      header.site a.header-badge::before { content: "🔔" / ""; }
      header.site details.menu > summary::before { content: "☰" / ""; font-size: 1.2rem; line-height: 1; }
      header.site details.menu[open] > summary { background: #fff; color: var(--accent); }
      header.site details.menu[open] > summary::before { content: "✕" / ""; }
      header.site details.menu:not([open]) + nav { display: none; }
      /* The pager's "Trang 2 · hơn 1.000 kết quả" on a line of its own, the two links under it at either side. */
      .pager > span { flex-basis: 100%; order: -1; }
      .pager a[rel=next] { margin-left: auto; }
      header.site details.menu + nav { position: absolute; z-index: 10; left: 0; right: 0; top: 100%; flex-direction: column; align-items: stretch; gap: 0; padding: .25rem 1rem 1rem; background: var(--accent); box-shadow: 0 6px 12px #0004; }
      header.site details.menu + nav > a { padding: .6rem 0; border-bottom: 1px solid #fff4; }
      header.site details.menu + nav > a.lang { margin-top: .75rem; align-self: flex-start; padding: .3rem .6rem; border-bottom: 1px solid #fff8; }
      header.site details.menu + nav > form.signout { margin-top: .75rem; }
      header.site details.menu + nav > form.signout button { padding: .4rem .8rem; font-size: 1rem; }
    }
    @media (min-width: 48rem) {
      header.site details.menu { display: none; }
      header.site nav { flex: 1 1 0; justify-content: flex-end; }
    }
    nav.crumbs ol { list-style: none; display: flex; flex-wrap: wrap; margin: 0; padding: .5rem 1rem 0; font-size: .9rem; }
    nav.crumbs li + li::before { content: "›"; padding: 0 .4rem; color: var(--muted); }
    main { padding: .5rem 1rem 2rem; max-width: 70rem; margin: 0 auto; overflow-wrap: anywhere; }
    h1 { font-size: 1.4rem; margin: .5rem 0; }
    h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
    .muted { color: var(--muted); }
    ol.todos .detail { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; line-clamp: 2; overflow: hidden; }
    .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .5rem; margin: .5rem 0; }
    .figure { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; }
    .figure strong { display: block; font-size: 1.3rem; }
    table { width: 100%; border-collapse: collapse; background: #fff; overflow-wrap: break-word; }
    th, td { text-align: left; padding: .45rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    td.num, th.num { text-align: right; white-space: nowrap; }
    /* A row's button (“Thu hồi…”) on one line. */
    td.action { white-space: nowrap; }
    /* Read by screen readers, not shown: an action column's heading. */
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .table-wrap { overflow-x: auto; max-width: 100%; }
    dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .25rem 1rem; }
    dl.facts dt { color: var(--muted); }
    dl.facts dd { margin: 0; }
    svg.progress-line { max-width: 320px; }
    .chart { max-width: 46rem; margin: .75rem 0; }
    .chart > svg { display: block; width: 100%; height: auto; }
    form.stack { display: grid; gap: .75rem; max-width: 36rem; }
    form.stack label { font-weight: 600; display: block; }
    form.inline { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: .5rem 0; }
    input, select, textarea { font: inherit; padding: .45rem .5rem; border: 1px solid #9c958a; border-radius: 4px; width: 100%; background: #fff; }
    form.inline > div { flex: 1 1 14rem; }
    button, .button { font: inherit; padding: .5rem 1rem; border: 0; border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
    .button.secondary, button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
    .actions { display: flex; flex-wrap: wrap; gap: .5rem; margin: .75rem 0; }
    .choice { display: flex; gap: .5rem; align-items: baseline; padding: .25rem 0; }
    .choice input { width: auto; }
    form.stack .choice label { font-weight: normal; display: inline; }
    fieldset { border: 1px solid var(--line); border-radius: 6px; background: #fff; }
    .field-error { color: #b00020; font-size: .9rem; margin: .2rem 0 0; }
    .errors { border: 1px solid #b00020; background: #fff0f0; padding: .5rem 1rem; border-radius: 6px; }
    .notice { border: 1px solid var(--ok); background: #eef8f2; padding: .5rem 1rem; border-radius: 6px; }
    .report { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem; font-family: "Times New Roman", "Liberation Serif", serif; }
    .report-header, .report-closing { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 1rem; }
    .report-header > div, .report-closing > div { flex: 1 1 14rem; text-align: center; }
    .report-header p, .report-closing p { margin: .1rem 0; }
    .report-closing > div:first-child { text-align: left; }
    .report-title { text-align: center; margin: .2rem 0; }
    .report h2 { font-size: 1.05rem; }
    .report .chart { max-width: 36rem; margin: .5rem auto; }
    .report section p { text-align: justify; }
    .flash { border: 1px solid var(--ok); border-left-width: 6px; background: #eef8f2; padding: .6rem 1rem; border-radius: 6px; font-weight: 600; }
    .badge { display: inline-block; font-size: .8rem; padding: 0 .4rem; border-radius: 4px; background: #eee; }
    .badge.closed { background: #fde2e1; color: #8a1c1c; }
    fieldset.mark { margin: 0 0 .5rem; padding: .3rem .4rem .4rem; }
    fieldset.mark legend { font-weight: 600; }
    .marks { display: grid; grid-template-columns: repeat(3, 1fr); gap: .35rem; margin-bottom: .35rem; }
    form.stack .marks label { display: flex; gap: .25rem; white-space: nowrap; align-items: center; justify-content: center; min-height: 2.75rem; border: 1px solid #9c958a; border-radius: 6px; font-weight: normal; }
    form.stack .marks label:has(input:checked) { color: #fff; font-weight: 700; }
    form.stack .marks label:has(input:checked)::after { font-weight: 700; }
    form.stack .marks label.present:has(input:checked) { background: var(--ok); border-color: var(--ok); }
    form.stack .marks label.present:has(input:checked)::after { content: "✓" / ""; }
    form.stack .marks label.absent:has(input:checked) { background: #a4161a; border-color: #a4161a; }
    form.stack .marks label.absent:has(input:checked)::after { content: "✗" / ""; }
    form.stack .marks label.excused:has(input:checked) { background: var(--warn); border-color: var(--warn); }
    form.stack .marks label.excused:has(input:checked)::after { content: "✎" / ""; }
    .marks input:checked { accent-color: #fff; }
    fieldset.mark { border-left-width: 6px; }
    fieldset.mark:has(label.absent input:checked) { border-left-color: #a4161a; }
    fieldset.mark:has(label.excused input:checked) { border-left-color: var(--warn); }
    fieldset.mark:has(label.present input:checked) input.reason { display: none; }
    .marks input { width: 1.15rem; height: 1.15rem; margin: 0; padding: 0; flex: none; }
    .sticky { position: sticky; bottom: 0; background: var(--bg); padding: .5rem 0; }
    .row { display: grid; grid-template-columns: 2fr 1fr; gap: .5rem; }
    section.reflection { border-top: 1px solid var(--line); padding: .5rem 0; }
    .pager { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: .75rem 0; }
    .pager a { white-space: nowrap; }
    @media screen and (max-width: 40rem) {
      table.responsive thead { display: none; }
      table.responsive tr { display: block; border-bottom: 1px solid var(--line); padding: .35rem 0; }
      table.responsive td { display: flex; justify-content: space-between; gap: 1rem; border: 0; padding: .15rem .5rem; overflow-wrap: anywhere; }
      /* The label keeps its words whole beside a long value (a task's title), up to half the card. */
      table.responsive td::before { content: attr(data-label); color: var(--muted); flex: none; max-width: 45%; overflow-wrap: normal; }
      table.responsive td > * { min-width: 0; text-align: right; }
      /* A fact's name above its value: side by side, a long name ("Người chịu trách nhiệm") leaves the value a sliver. */
      dl.facts { grid-template-columns: 1fr; gap: 0; }
      dl.facts dd { margin-bottom: .5rem; }
    }
    /* Paper: A4, the page's own content under its Vietnamese headings: no menu, trail, buttons or forms, except
       a sheet, a form that is the page's content: the attendance roll with each member's mark, a table of rows
       (a cell's rating sheet). */
    @media print {
      @page { size: A4; margin: 15mm 12mm; }
      body { background: #fff; color: #000; font-size: 11pt; }
      header.site, nav.crumbs, .flash, .actions, .pager, main form:not(:has(table, fieldset.mark)), button, .button, input.reason:placeholder-shown { display: none !important; }
      main { max-width: none; padding: 0; }
      a { color: inherit; text-decoration: none; }
      h1 { font-size: 16pt; }
      h2 { font-size: 13pt; }
      h1, h2, h3, legend { break-after: avoid; }
      .table-wrap { overflow: visible; }
      table { border: 1px solid #000; }
      th, td { border: 1px solid #000; padding: .2rem .35rem; }
      thead { display: table-header-group; }
      tr, .figure, fieldset, section, li, dl.facts > * { break-inside: avoid; }
      .figure, fieldset { border-color: #000; }
      form.stack { display: block; max-width: none; }
      fieldset.mark { display: flex; flex-wrap: wrap; align-items: center; gap: 0 1rem; margin: 0; padding: .1rem .3rem; border-width: 0 0 1px; border-radius: 0; }
      fieldset.mark legend { float: left; width: 16rem; padding: 0; }
      .marks { display: flex; gap: .75rem; margin: 0; }
      form.stack .marks label, form.stack .marks label:is(.present, .absent, .excused):has(input:checked) { min-height: 0; border: 0; background: none; color: #000; }
      .marks input:checked { accent-color: #000; }
      fieldset.mark input.reason { border: 0; padding: 0; width: auto; flex: 1; font-style: italic; }
    }
    .button.danger, button.danger { background: #fff0f0; color: #8a1c1c; border: 2px solid #8a1c1c; font-weight: 600; }
    """
}
