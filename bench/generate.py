#!/usr/bin/env python3
"""Generates a deterministic synthetic help center for `make bench`.

    bench/generate.py ARTICLES OUT [--client-files N] [--features N] [--procedures N]

Writes OUT/content (catalog with hundreds of features, hundreds of procedures, ARTICLES Markdown
articles of about 5.5 KB that use the directives in realistic proportions), OUT/templates (the
repository's), OUT/client (a client tree of N files, 1,000 of them holding scope lists in ten
languages that match the catalog) and OUT/hugo (the same articles as a minimal Hugo site).
Same arguments, same bytes.
"""
import json, os, random, shutil, sys

args = sys.argv[1:]
if len(args) < 2:
    sys.exit(__doc__)
count, out = int(args[0]), args[1]
opts = dict(zip(args[2::2], args[3::2]))
client_files = int(opts.get("--client-files", 50000))
feature_count = int(opts.get("--features", 300))
procedure_count = int(opts.get("--procedures", 200))
here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(here)
rng = random.Random(20261127)

WORDS = ("admin consent tenant mailbox calendar room sync permission scope user group policy access "
         "token application registration enterprise directory organization setting review approve "
         "request grant revoke assign owner member guest domain license security signal session device "
         "network report audit log export import schedule interview candidate recruiter pipeline offer "
         "template message thread folder label event attendee location availability reminder").split()


def sentence(n=None):
    n = n or rng.randint(8, 18)
    words = [rng.choice(WORDS) for _ in range(n)]
    r = rng.random()
    if r < 0.15:
        i = rng.randrange(n)
        words[i] = f"**{words[i]}**"
    elif r < 0.25:
        i = rng.randrange(n)
        words[i] = f"`{words[i]}`"
    elif r < 0.35:
        i = rng.randrange(n)
        words[i] = f"[{words[i]}](consent.html)"
    return " ".join(words).capitalize() + "."


def paragraph():
    return " ".join(sentence() for _ in range(rng.randint(3, 6)))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if os.path.exists(out):
    shutil.rmtree(out)

# --- Catalog: real Graph delegated permissions, hundreds of features ---------------------------
with open(os.path.join(repo, "Sources/PermdocsModel/Resources/graph-delegated-permissions.json")) as f:
    graph = [p["value"] for p in json.load(f)]
oidc = ["openid", "email", "profile", "offline_access"]
pool = [g for g in graph if g not in oidc][:400]
features = []
for i in range(feature_count):
    scopes = ["offline_access"] + rng.sample(pool, rng.randint(1, 5))
    features.append((f"feature-{i:03d}", f"Integration {i:03d} sync", scopes))
used = sorted({s for _, _, s in features for s in s})

languages = [
    ("ts", "export const SCOPES = [{items}] as const;\n", lambda s: ", ".join(f'"{x}"' for x in s), "SCOPES ="),
    ("py", "SCOPES = (\n{items},\n)\n", lambda s: ",\n".join(f'    "{x}"' for x in s), "SCOPES ="),
    ("go", "package oauth\n\nvar scopes = []string{{{items}}}\n", lambda s: ", ".join(f'"{x}"' for x in s), "var scopes ="),
    ("kt", "val scopes = listOf({items})\n", lambda s: ", ".join(f'"{x}"' for x in s), "val scopes ="),
    ("ex", "defmodule Sync do\n  @scopes ~w({items})\nend\n", lambda s: " ".join(s), "@scopes"),
    ("rb", "SCOPES = %w[{items}].freeze\n", lambda s: " ".join(s), "SCOPES ="),
    ("swift", "enum Sync {{ static let scopes = [{items}] }}\n", lambda s: ", ".join(f'"{x}"' for x in s), "static let scopes"),
    ("java", "class Sync {{ static final List<String> SCOPES = List.of({items}); }}\n", lambda s: ", ".join(f'"{x}"' for x in s), "SCOPES ="),
    ("cs", "static class Sync {{ static readonly string[] Scopes = new[] {{ {items} }}; }}\n", lambda s: ", ".join(f'"{x}"' for x in s), "Scopes ="),
    ("php", "<?php\nconst SCOPES = [{items}];\n", lambda s: ", ".join(f"'{x}'" for x in s), "const SCOPES ="),
]
client_locations = {}  # feature id -> [(path, anchor)]
location_count = 1000
for n in range(location_count):
    fid, _, scopes = features[n % feature_count]
    ext, template, items, anchor = languages[n % len(languages)]
    path = f"services/svc{n // 100:02d}/integrations/{fid}/scopes_{n:04d}.{ext}"
    write(os.path.join(out, "client", path), "// generated\n" if ext in ("ts", "go", "kt", "swift", "java", "cs") else "")
    with open(os.path.join(out, "client", path), "a", encoding="utf-8") as f:
        f.write(template.format(items=items(scopes)))
    client_locations.setdefault(fid, []).append((path, anchor))
for n in range(client_files - location_count):
    write(os.path.join(out, "client", f"lib/pkg{n // 1000:03d}/mod{(n // 50) % 20:02d}/file{n:05d}.txt"),
          f"filler {n}: {sentence()}\n")

lines = ["app:", "  name: Benchco", "  example: true", "  client_id: 0f2b8c4e-5a1d-4c3e-9b7a-1d2e3f4a5b6c",
         "  redirect_uri: https://app.example.com/auth/callback", "scopes:"]
for s in used:
    lines += [f"  {s}:", f"    description: {json.dumps(sentence(10))}"]
lines.append("features:")
for fid, title, scopes in features:
    lines += [f"  - id: {fid}", f"    title: {title}", f"    scopes: [{', '.join(scopes)}]"]
    if fid in client_locations:
        lines.append("    client:")
        for path, anchor in client_locations[fid]:
            lines += [f"      - path: {path}", f'        anchor: "{anchor}"']
write(os.path.join(out, "content/permissions.yaml"), "\n".join(lines) + "\n")

# --- Procedures --------------------------------------------------------------------------------
scenarios = ["everyone", "users-may-consent", "admins-only", "assignment-required"]
for i in range(procedure_count):
    # A choice list names the option each checklist the procedure is on stands for.
    on = "users-may-consent, admins-only, assignment-required" if i % 4 == 0 else scenarios[i % 4]
    steps = []
    for k in range(rng.randint(4, 10)):
        step = [f"  - text: {json.dumps(sentence(rng.randint(5, 12)))}"]
        if rng.random() < 0.5:
            step.append("    path: [Entra ID, Enterprise apps, All applications, Benchco, Properties]")
        if rng.random() < 0.2:
            step.append('    value: "Yes"')
        if rng.random() < 0.1:
            step += ["    setting: Benchco setting", "    choices:", f"      - text: {json.dumps(sentence(6))}", '        value: "On"',
                     f"        scenarios: [{on}]", f"      - {json.dumps(sentence(6))}"]
        steps.append("\n".join(step))
    text = (f"title: Procedure {i:03d} {rng.choice(WORDS)} {rng.choice(WORDS)}\n"
            f"scenarios: [{scenarios[i % 4]}]\n"
            f"steps:\n" + "\n".join(steps) + "\n"
            f"notes: [{json.dumps(sentence(8))}]\n")
    write(os.path.join(out, f"content/procedures/procedure-{i:03d}.yaml"), text)

# --- Articles (about 5.5 KB each) and the same articles for Hugo -------------------------------
def article(i):
    body = [f"Welcome to the {{{{app.name}}}} help center. {paragraph()}", ""]
    shown = set()
    for section in range(5):
        body += [f"## Section {section + 1}: {rng.choice(WORDS)} {rng.choice(WORDS)}", "", paragraph(), ""]
        r = rng.random()
        if r < 0.45:
            # A feature's table at most once per article (twice would repeat its ids: an error).
            f = rng.choice(features)[0]
            if f not in shown:
                shown.add(f)
                body += [f"::permissions {f}", ""]
        elif r < 0.8:
            p = rng.randrange(procedure_count)
            if p not in shown:
                shown.add(p)
                body += [f"::procedure procedure-{p:03d} heading=h3", ""]
        else:
            body += ["- " + sentence(8) for _ in range(rng.randint(3, 5))] + [""]
            body += [f"{n + 1}. " + sentence(8) for n in range(rng.randint(2, 4))] + [""]
        body += [paragraph(), ""]
        if rng.random() < 0.25:
            body += ["> " + sentence(), "", "```", "GET /me/mailFolders", "```", ""]
    if rng.random() < 0.1:
        body += ["::checklists", ""]
    return "\n".join(body)

os.makedirs(os.path.join(out, "hugo/content/articles"), exist_ok=True)
for i in range(count):
    title = f"Article {i:05d}: {rng.choice(WORDS)} and {rng.choice(WORDS)}"
    text = article(i)
    front = f"---\ntitle: {json.dumps(title)}\nslug: article-{i:05d}\nsummary: {json.dumps(sentence(8))}\n---\n\n"
    write(os.path.join(out, f"content/articles/article-{i:05d}.md"), front + text)
    write(os.path.join(out, f"hugo/content/articles/article-{i:05d}.md"), front + text)
    # The Markdown alone, for the cmark limit (directive lines stay paragraphs there).
    write(os.path.join(out, f"markdown/article-{i:05d}.md"), text)

shutil.copytree(os.path.join(repo, "templates"), os.path.join(out, "templates"))
write(os.path.join(out, "hugo/hugo.toml"),
      'baseURL = "/"\ntitle = "Benchco help center"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
      'uglyURLs = true\n[markup.goldmark.renderer]\nunsafe = false\n')
write(os.path.join(out, "hugo/layouts/_default/single.html"),
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
      '<link rel="stylesheet" href="/style.css"></head><body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n')
write(os.path.join(out, "hugo/layouts/_default/list.html"),
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
      '<body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n')
print(f"generated {count} articles, {feature_count} features, {procedure_count} procedures, "
      f"{client_files} client files ({location_count} with scope lists) in {out}")
