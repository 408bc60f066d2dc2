/// The public sites' stylesheet, apart from the members' app: a newspaper's page in the Party's red, phones first,
/// readable at 360 px, and a print version with no bars and the links' addresses written out.
enum PublicStylesheet {
    static let file = StylesheetFile(css)

    static let css = """
    :root { --red: #b3001b; --red-dark: #7f0013; --gold: #f2c230; --ink: #1d1d1d; --muted: #595959; --line: #e3ddd3; --paper: #fffdf9; }
    * { box-sizing: border-box; }
    body.public { margin: 0; font: 17px/1.6 Georgia, "Noto Serif", "Liberation Serif", serif; color: var(--ink); background: var(--paper); }
    .wrap { max-width: 66rem; margin: 0 auto; padding: 0 1rem; }
    a { color: var(--red-dark); }
    a:focus, button:focus, input:focus { outline: 3px solid var(--gold); outline-offset: 2px; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .skip { position: absolute; left: -999px; }
    .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 5; }
    header.masthead { background: var(--red); color: #fff; border-bottom: 4px solid var(--gold); padding: .8rem 0 1rem; }
    header.masthead .party { margin: 0; font: 600 .8rem/1.2 system-ui, sans-serif; letter-spacing: .08em; text-transform: uppercase; color: #ffe9a8; }
    header.masthead .site-title { display: block; color: #fff; text-decoration: none; font-size: 1.45rem; font-weight: 700; line-height: 1.25; margin-top: .3rem; }
    header.masthead .tagline { margin: .3rem 0 0; font-style: italic; color: #fde8ea; }
    nav.site-nav { background: #fff; border-bottom: 1px solid var(--line); font-family: system-ui, sans-serif; }
    /* A phone gets one row that scrolls sideways: nine links wrapped would fill the first screen. */
    nav.site-nav ul { list-style: none; display: flex; gap: 0 1.1rem; margin: 0 auto; padding: .35rem 1rem; overflow-x: auto; white-space: nowrap; }
    nav.site-nav a { display: inline-block; padding: .45rem 0; text-decoration: none; font-weight: 600; color: var(--ink); min-height: 2.75rem; line-height: 1.9rem; }
    nav.site-nav a:hover { color: var(--red); }
    main.wrap { padding-top: 1rem; padding-bottom: 2rem; overflow-wrap: anywhere; }
    h1 { font-size: 1.6rem; line-height: 1.3; margin: .4rem 0 .6rem; }
    h2 { font-size: 1.25rem; margin: 1.6rem 0 .6rem; border-bottom: 2px solid var(--red); padding-bottom: .2rem; }
    h2 a { text-decoration: none; color: var(--red-dark); }
    h3 { font-size: 1.1rem; margin: .2rem 0 .3rem; line-height: 1.35; }
    h3 a { text-decoration: none; color: var(--ink); }
    h3 a:hover { color: var(--red); text-decoration: underline; }
    .meta { color: var(--muted); font: .85rem/1.4 system-ui, sans-serif; }
    .lead { font-size: 1.1rem; font-weight: 600; }
    ul.stories { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; }
    ul.stories > li { border-bottom: 1px solid var(--line); padding-bottom: .9rem; }
    ul.stories p { margin: .25rem 0; }
    ul.stories img { width: 100%; height: auto; border-radius: 3px; }
    @media (min-width: 48rem) {
      header.masthead .site-title { font-size: 1.9rem; }
      nav.site-nav ul { flex-wrap: wrap; white-space: normal; }
      ul.stories.columns { grid-template-columns: repeat(3, 1fr); }
      .with-aside { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 2rem; }
    }
    article.story .body img, article.story figure img { max-width: 100%; height: auto; }
    article.story figure { margin: 1rem 0; }
    article.story figcaption { color: var(--muted); font-size: .9rem; font-style: italic; }
    article.story blockquote { margin: 1rem 0; padding: .2rem 1rem; border-left: 4px solid var(--gold); background: #fff8e6; }
    aside.related h2 { font-size: 1.05rem; }
    section.comments { margin-top: 2rem; }
    ol.comment-list { list-style: none; padding: 0; margin: 0 0 1.5rem; }
    ol.comment-list > li { border-bottom: 1px solid var(--line); padding: .6rem 0; }
    ol.comment-list p { margin: .3rem 0; }
    .official-answer { margin: .5rem 0 0 1rem; padding: .4rem .9rem; border-left: 4px solid var(--red); background: #fbf3f0; }
    .official-answer .answer-label { color: var(--red-dark); font-family: system-ui, sans-serif; }
    form.search { display: flex; gap: .5rem; flex-wrap: wrap; margin: .5rem 0 1rem; font-family: system-ui, sans-serif; }
    form.search input[type=search] { flex: 1 1 12rem; font-size: 1rem; padding: .55rem; border: 1px solid #8a8a8a; border-radius: 4px; min-height: 2.75rem; }
    form.search button { font-size: 1rem; padding: .55rem 1rem; border: 0; border-radius: 4px; background: var(--red); color: #fff; min-height: 2.75rem; }
    .pager { display: flex; gap: 1rem; font-family: system-ui, sans-serif; }
    form.stack { display: grid; gap: .9rem; max-width: 40rem; font-family: system-ui, sans-serif; }
    form.stack label { font-weight: 600; display: block; margin-bottom: .2rem; }
    form.stack input, form.stack select, form.stack textarea { font: inherit; font-size: 1rem; width: 100%; padding: .55rem; border: 1px solid #8a8a8a;
      border-radius: 4px; background: #fff; min-height: 2.75rem; }
    form.stack select:focus, form.stack textarea:focus { outline: 3px solid var(--gold); outline-offset: 2px; }
    form.stack .choice { display: flex; gap: .5rem; align-items: flex-start; }
    form.stack .choice input { width: 1.3rem; min-height: 1.3rem; margin-top: .2rem; flex: none; }
    form.stack .choice label { font-weight: normal; }
    form.stack button { justify-self: start; font-size: 1rem; padding: .6rem 1.4rem; border: 0; border-radius: 4px; background: var(--red); color: #fff; min-height: 2.75rem; }
    .field-error { color: #b00020; font-size: .9rem; margin: .2rem 0 0; }
    .errors { border: 1px solid #b00020; background: #fff0f0; padding: .5rem 1rem; border-radius: 6px; font-family: system-ui, sans-serif; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; font-family: system-ui, sans-serif; }
    dt { font-weight: 600; color: var(--muted); }
    dd { margin: 0; }
    /* Figures and their tables (exemplars' before and after, a campaign's published results), and the server's SVG charts. */
    form.search select { flex: 1 1 auto; min-width: 0; max-width: 100%; font-size: 1rem; padding: .4rem; }
    /* On a phone each visible label sits on its own line above its field, not after the field before it. */
    @media (max-width: 47.99rem) { form.search label { flex: 1 1 100%; margin-bottom: -.3rem; } }
    dl.figures { display: block; }
    dl.figures dd { margin-bottom: .6rem; overflow-wrap: anywhere; }
    dl.figures strong { font-size: 1.3rem; }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font: .95rem/1.4 system-ui, sans-serif; }
    th, td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }
    td.num { text-align: right; white-space: nowrap; }
    caption { text-align: left; font-weight: 600; padding: .3rem 0; }
    .chart { max-width: 30rem; margin: .75rem 0; }
    .chart > svg { display: block; width: 100%; height: auto; }
    footer.site-footer { border-top: 4px solid var(--red); background: #f6f1e8; padding: 1rem 0 1.5rem; font: .9rem/1.5 system-ui, sans-serif; color: var(--muted); }
    footer.site-footer p { margin: .2rem 0; }
    footer.site-footer .footer-links { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; margin-top: .6rem; }
    footer.site-footer .footer-links a { color: var(--muted); display: inline-block; padding: .4rem 0; }
    @media print {
      body.public { background: #fff; font-size: 12pt; }
      nav.site-nav, .skip, form.search, form.stack, aside.related, .comment-form, .pager, footer.site-footer .footer-links { display: none; }
      header.masthead { background: none; color: #000; border-bottom: 2px solid #000; padding: 0 0 .5rem; }
      header.masthead .party, header.masthead .tagline, header.masthead .site-title { color: #000; }
      a { color: #000; text-decoration: none; }
      article.story .body a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; }
      h2, h3 { break-after: avoid; }
      img, figure, blockquote { break-inside: avoid; }
    }
    """
}
