package web

// pageHTML is the wheel page: the year as an SVG wheel (months around a
// circle, tasks as dots on the outer track, deadlines as squares on the
// inner one, today as a hand), and the next deadlines as a table. Titles
// on the marks are SVG <title> elements, which browsers show on hover
// without any script.
const pageHTML = `<!doctype html>
<html lang="{{if eq .Lang "nn"}}nn{{else}}nb{{end}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Name}} {{.Year}}</title>
<link rel="alternate" type="text/calendar" href="/arshjul.ics" title="Årshjul (iCalendar)">
<link rel="stylesheet" href="/static/arshjul.css">
</head>
<body>
<h1>{{.Name}} {{.Year}}</h1>
<p>I dag: {{.Today}}. <a href="/arshjul.ics">Abonner på kalenderen (iCalendar)</a></p>
<nav><a href="{{.Self}}?year={{.Prev}}&amp;lang={{.Lang}}">← {{.Prev}}</a><a href="{{.Self}}?year={{.Next}}&amp;lang={{.Lang}}">{{.Next}} →</a>
<a href="{{.Self}}?year={{.Year}}&amp;lang=nb">bokmål</a><a href="{{.Self}}?year={{.Year}}&amp;lang=nn">nynorsk</a></nav>
<div class="wrap">
<svg viewBox="0 0 640 640" role="img" aria-label="Årshjulet for {{.Year}}">
<title>Årshjulet for {{.Year}}</title>
{{range .Months}}<path class="month{{if .Current}} now{{end}}" d="{{.Path}}"/>
<text class="mlabel" x="{{.Label.X}}" y="{{.Label.Y}}">{{.Name}}</text>
{{end}}<circle cx="320" cy="320" r="200" fill="none" stroke="#ccc" stroke-dasharray="2 4"/>
{{range .Marks}}<circle class="task{{if .Past}} past{{end}}{{if .Ran}} ran{{end}}" cx="{{.At.X}}" cy="{{.At.Y}}" r="7"><title>{{.Title}} – {{.When}}{{if .Deadline}}, frist {{.Deadline}}{{end}}{{if .Ran}} ({{.Ran}}){{end}}</title></circle>
{{if .HasDue}}<rect class="due" x="{{.Due.X}}" y="{{.Due.Y}}" width="9" height="9" transform="translate(-4.5 -4.5)"><title>Frist: {{.Title}} – {{.Deadline}}</title></rect>
{{end}}{{end}}{{if .ShowToday}}<line class="hand" x1="320" y1="320" x2="{{.Hand.X}}" y2="{{.Hand.Y}}"/>
<circle cx="320" cy="320" r="5" fill="#d62828"/><text class="today" x="320" y="345">i dag</text>
{{end}}</svg>
<section>
<h2>Neste frister</h2>
{{if .Upcoming}}<table>
<tr><th>Frist</th><th>Oppgave</th><th>Ansvarlig</th></tr>
{{range .Upcoming}}<tr><td>{{.Date}}{{if .Note}}<br><span class="note">{{.Note}}</span>{{end}}</td><td>{{.Title}}</td><td>{{.Who}}</td></tr>
{{end}}</table>{{else}}<p>Ingen flere frister i {{.Year}}.</p>{{end}}
<p class="note">Prikker: når oppgaven starter (grønn ring: har kjørt). Firkanter: frister, flyttet til neste virkedag når de faller på helg eller helligdag.</p>
</section>
</div>
<section>
<h2>Oppgavene i {{.Year}}</h2>
{{with .Message}}<p role="status">{{.}}</p>{{end}}
{{if .CanRun}}<form method="post" action="/arshjul/kjor"><p><button type="submit">Kjør det som er forfalt nå</button></p></form>{{end}}
<table><thead><tr><th scope="col">Når</th><th scope="col">Oppgave</th><th scope="col">Kjøring</th><th scope="col">Side</th></tr></thead>
<tbody>{{range .Tasks}}<tr><td>{{.When}}</td><td>{{.Title}}</td><td>{{.Run}}</td><td>{{if .Link}}<a href="{{.Link}}">{{.LinkText}}</a>{{end}}</td></tr>{{end}}</tbody></table>
</section>
</body>
</html>
`

// wheelCSS styles the wheel page; it is served as a file so the page's
// Content-Security-Policy need allow no inline style or script.
const wheelCSS = `body { font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 60rem; padding: 0 1rem; color: #1d1d1b; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
nav a { margin-right: 1rem; }
.wrap { display: flex; flex-wrap: wrap; gap: 2rem; align-items: flex-start; }
svg { max-width: 640px; width: 100%; height: auto; }
.month { fill: #e8eef5; stroke: #fff; stroke-width: 2; }
.month.now { fill: #c6dbf0; }
.mlabel { font-size: 13px; text-anchor: middle; dominant-baseline: middle; fill: #1d3557; }
.task { fill: #2a6f97; }
.task.past { fill: #8fb3c9; }
.task.ran { stroke: #2d6a4f; stroke-width: 2; }
.due { fill: #bc4749; }
.hand { stroke: #d62828; stroke-width: 3; }
.today { fill: #d62828; font-size: 13px; text-anchor: middle; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
.note { color: #6c757d; font-size: .9em; }
`
