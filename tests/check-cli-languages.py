#!/usr/bin/env python3
# check-cli-languages.py: mieux-actions-cli speaks English, French and Spanish
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built tool (MA_CLI) on a temporary sample database and checks headers,
# labels, reference names, country names and dates in each language, chosen with
# --lang or with the environment (LANGUAGE).
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

CLI = os.environ.get('MA_CLI') or (sys.argv[1] if len(sys.argv) > 1 else None)
if not CLI:
    print('1..0 # SKIP MA_CLI is not set')
    sys.exit(0)

NB = '\u00a0'  # French no-break space before a colon
tmp = tempfile.mkdtemp(prefix='ma-cli-lang-')
db = os.path.join(tmp, 'actions.db')
results = []


def run(*args, language='en'):
    env = dict(os.environ)
    env['LANGUAGE'] = language
    env.setdefault('LC_ALL', 'C.UTF-8')
    env['XDG_DATA_HOME'] = tmp
    p = subprocess.run([CLI] + list(args), capture_output=True, text=True, env=env)
    return p


def check(name, output, present=(), absent=()):
    faults = ['missing: %r' % s for s in present if s not in output]
    faults += ['English left: %r' % s for s in absent if s in output]
    results.append((not faults, name, faults, output))


init = run('init', '--sample-data', '--database', db)
results.append((init.returncode == 0, 'init --sample-data', [init.stderr], ''))

# list, table format: headers, region and status names
for lang, present, absent in (
        ('en', ['CODE', 'TITLE', 'REGION', 'STATUS', 'DATES', 'COUNTRIES', 'EU Neighbourhood',
                'Ongoing'], []),
        ('fr', ['CODE', 'TITRE', 'RÉGION', 'STATUT', 'DATES', 'PAYS', 'Voisinage de l’UE',
                'En cours'], ['TITLE', 'STATUS', 'COUNTRIES', 'EU Neighbourhood', 'Ongoing']),
        ('es', ['CÓDIGO', 'TÍTULO', 'REGIÓN', 'ESTADO', 'FECHAS', 'PAÍSES', 'Vecindad de la UE',
                'En curso'], ['TITLE', 'STATUS', 'COUNTRIES', 'EU Neighbourhood', 'Ongoing'])):
    p = run('list', '--database', db, '--region', 'eun', '--status', 'ongoing', '--lang', lang,
            '--format', 'table')
    check('list --lang %s --format table' % lang, p.stdout + p.stderr, present, absent)

# The environment's language without --lang
p = run('list', '--database', db, '--region', 'eun', '--format', 'table', language='fr')
check('list with LANGUAGE=fr', p.stdout + p.stderr, ['TITRE', 'Voisinage de l’UE'], ['TITLE'])

# show: labels, type, status, region, countries and dates
SHOW = {
    'en': (['Code: COMESA', 'Type: Demand-driven', 'Status: Ongoing',
            'Region: Eastern and Southern Africa', 'Countries: ', 'Djibouti', 'Egypt',
            'Thematic areas: ', 'Activities', 'Partners', '19 October 2021'], []),
    'fr': (['Code' + NB + ': COMESA', 'Type' + NB + ': À la demande',
            'Statut' + NB + ': En cours', 'Région' + NB + ': Afrique orientale et australe',
            'Pays' + NB + ': ', 'République démocratique du Congo', 'Égypte',
            'Domaines thématiques' + NB + ': ', 'Migration et santé', 'Activités',
            'Partenaires', 'Atelier', '19 octobre 2021'],
           ['Status:', 'Countries:', 'Thematic areas:', 'Activities\n', 'Partners\n',
            'Demand-driven', 'October', 'Egypt', 'Workshop']),
    'es': (['Código: COMESA', 'Tipo: Basada en la demanda', 'Estado: En curso',
            'Región: África Oriental y Austral', 'Países: ', 'República Democrática del Congo',
            'Yibuti', 'Egipto', 'Áreas temáticas: ', 'Migración y salud', 'Actividades',
            'Socios', 'Taller', 'En línea', '19 de octubre de 2021'],
           ['Status:', 'Countries:', 'Thematic areas:', 'Activities\n', 'Partners\n',
            'Demand-driven', 'October', 'Egypt', 'Workshop', 'Online']),
}
for lang, (present, absent) in SHOW.items():
    p = run('show', '--database', db, 'COMESA', '--lang', lang)
    check('show --lang %s' % lang, p.stdout + p.stderr, present, absent)

# --help of a command and of the tool, in the language of --lang
p = run('show', '--help', '--lang', 'fr')
check('show --help --lang fr', p.stdout,
      ['Utilisation' + NB + ':', 'CODE-OU-UUID', 'Afficher une Action', 'FICHIER'],
      ['Usage:', 'CODE-OR-UUID', 'The database file'])
p = run('list', '--help', '--lang', 'es')
check('list --help --lang es', p.stdout, ['Uso:', '[FILTRO]', 'Listar las Acciones'],
      ['Usage:', '[FILTER]', 'List the Actions'])
p = run('--help', language='es')
# Between two translation passes (MA_I18N_PENDING=todo) a command that has just
# landed may still be English: then only the commands already translated count.
help_text = p.stdout
if os.environ.get('MA_I18N_PENDING') == 'todo':
    help_text = '\n'.join(l for l in p.stdout.splitlines()
                          if not l.startswith('  ') or l.startswith('  backup'))
check('--help with LANGUAGE=es', help_text, ['Uso:', 'Comandos:', 'ARCHIVO'],
      ['Usage:', 'Commands:', ' FILE'])

# Errors: one translated line
p = run('list', '--database', db, '--status', 'nope', '--lang', 'es')
check('an error in Spanish', p.stderr, ['«nope» no es un estado'], ['is not a status'])
p = run('list', '--database', db, '--status', 'nope', '--lang', 'fr')
check('an error in French', p.stderr, ['«\u202fnope\u202f» n’est pas un statut'],
      ['is not a status'])

# A spreadsheet is read by people: headers and coded values in the export's language
# (CSV keeps the stable keys and codes, which import reads back).
XLSX = {
    'en': (['Code', 'Title', 'Status', 'Region', 'Countries', 'Themes', 'Language',
            'Ongoing', 'Eastern and Southern Africa', 'Egypt', 'Demand-driven'],
           ['ongoing', 'esa', 'title_fr']),
    'fr': (['Code', 'Titre', 'Statut', 'Région', 'Pays', 'En cours',
            'Afrique orientale et australe', 'Égypte', 'À la demande'],
           ['Ongoing', 'Egypt', 'Countries', 'ongoing', 'esa']),
    'es': (['Código', 'Título', 'Estado', 'Región', 'Países', 'En curso',
            'África Oriental y Austral', 'Egipto', 'Basada en la demanda'],
           ['Ongoing', 'Egypt', 'Countries', 'ongoing', 'esa']),
}
for lang, (present, absent) in XLSX.items():
    out = os.path.join(tmp, 'actions-%s.xlsx' % lang)
    p = run('export', '--database', db, '--format', 'xlsx', '--region', 'esa', '--lang', lang,
            '-o', out)
    cells = ''
    if p.returncode == 0:
        with zipfile.ZipFile(out) as z:
            root = ET.fromstring(z.read('xl/sharedStrings.xml'))
            cells = '\n'.join(t.text or '' for t in root.iter(
                '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}t'))
            cells = '\n'.join(line.strip() for line in cells.splitlines())
    # whole cells only: "esa" must not match inside a longer word
    lines = set(cells.splitlines())
    faults = ['missing: %r' % s for s in present if s not in lines]
    faults += ['English or code left: %r' % s for s in absent if s in lines]
    results.append((p.returncode == 0 and not faults, 'export xlsx --lang %s' % lang, faults,
                    p.stderr + cells[:2000]))

shutil.rmtree(tmp, ignore_errors=True)

print('1..%d' % len(results))
failed = 0
for n, (ok, name, faults, output) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', n, name))
    if not ok:
        failed += 1
        for line in faults:
            print('# ' + line)
        for line in output.splitlines():
            print('#   | ' + line)
sys.exit(1 if failed else 0)
