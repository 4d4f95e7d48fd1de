-- The sample Actions of shared/domain.md, with the facts the programme's news items
-- give (2021 retrospective, annual report 2021–2022, September 2021 update).
-- What the news items do not say stays NULL.

INSERT INTO partner (uuid, name, kind, country) VALUES
  ('6f1c2b0e-6a3d-4c1e-9a55-0c7e1f6a0001', 'Human Rights Commissioner of Kazakhstan', 'human-rights', 'KZ'),
  ('6f1c2b0e-6a3d-4c1e-9a55-0c7e1f6a0002', 'Rodnik — Centre for Social and Psychological Rehabilitation', 'civil-society', 'KZ'),
  ('6f1c2b0e-6a3d-4c1e-9a55-0c7e1f6a0003', 'COMESA Secretariat', 'regional-organisation', NULL),
  ('6f1c2b0e-6a3d-4c1e-9a55-0c7e1f6a0004', 'UNHCR', 'international-organisation', NULL),
  ('6f1c2b0e-6a3d-4c1e-9a55-0c7e1f6a0005', 'National Institute for Migration (INM)', 'national-authority', 'DO'),
  ('6f1c2b0e-6a3d-4c1e-9a55-0c7e1f6a0006', 'Public Defenders’ Office (DPU)', 'public-defender', 'BR'),
  ('6f1c2b0e-6a3d-4c1e-9a55-0c7e1f6a0007', 'Ministry of External Relations of Cameroon', 'ministry', 'CM'),
  ('6f1c2b0e-6a3d-4c1e-9a55-0c7e1f6a0008', 'ECOWAS', 'regional-organisation', NULL);

INSERT INTO action (uuid, code, title, summary, type, status, start_date, end_date, region, notes) VALUES
  ('a0000000-0000-4000-8000-000000000001', 'Kazakhstan', 'Rights of migrant children and their families',
   'Supports the Human Rights Commissioner and civil society partners in promoting the rights of migrant children and their families in the region of Almaty, with an information campaign on their rights and integration opportunities.',
   'demand-driven', 'ongoing', '2021', NULL, 'asia', 'Kicked off at the end of 2021.'),
  ('a0000000-0000-4000-8000-000000000002', 'Mauritius', 'Fighting trafficking in human beings',
   'Strengthens the capacities of national authorities in fighting trafficking in human beings.',
   'demand-driven', 'ongoing', NULL, NULL, 'esa', NULL),
  ('a0000000-0000-4000-8000-000000000003', 'COMESA', 'COVID-19 guidelines on human mobility and trade',
   'Facilitates the implementation of COMESA’s COVID-19 guidelines on human mobility and economic trade across the COMESA Member States.',
   'demand-driven', 'ongoing', '2020', NULL, 'esa', 'Working with MIEUX+ since 2020.'),
  ('a0000000-0000-4000-8000-000000000004', 'MIRPS', 'International protection in Central America and Mexico',
   'Round tables in the MIRPS Support Platform on refugee protection, reception and procedural issues in large-scale movements, with the EU, international organisations (e.g. UNHCR) and civil society.',
   'demand-driven', 'completed', NULL, '2021', 'lac', NULL),
  ('a0000000-0000-4000-8000-000000000005', 'Dominican Republic', 'Border management',
   'Exchange of knowledge and experience on border management with the National Institute for Migration (INM) through a series of webinars.',
   'demand-driven', 'completed', NULL, '2021', 'lac', NULL),
  ('a0000000-0000-4000-8000-000000000006', 'Costa Rica', 'Migration in times of crisis',
   'A protocol to facilitate the assistance to asylum seekers and migrants entering or transiting the country, especially during crises such as the COVID-19 outbreak.',
   'demand-driven', 'ongoing', NULL, NULL, 'lac', 'Collaboration renewed in 2021.'),
  ('a0000000-0000-4000-8000-000000000007', 'Benin', 'Environmental migration data',
   'Tools to help manage data related to environmentally induced migration; builds on a previous Action on migration, climate change and data management.',
   'demand-driven', 'ongoing', NULL, NULL, 'wca', 'Nearing completion at the end of 2021.'),
  ('a0000000-0000-4000-8000-000000000008', 'Brazil', 'Information for asylum seekers',
   'Videos with the Public Defenders’ Office (DPU) to inform asylum seekers on the interview process and their duties and obligations.',
   'demand-driven', 'ongoing', NULL, NULL, 'lac', NULL),
  ('a0000000-0000-4000-8000-000000000009', 'Ukraine II', 'Integration of refugees and people with subsidiary protection',
   'Assessing the partners’ capacity and training needs on integration strategies and measures for refugees and people with subsidiary protection.',
   'demand-driven', 'ongoing', '2021-10', NULL, 'eun', 'First on-site mission of MIEUX+ since the beginning of the pandemic.'),
  ('a0000000-0000-4000-8000-000000000010', 'Georgia', 'Georgia',
   NULL, 'demand-driven', 'ongoing', '2021', NULL, 'eun', 'New partner institutions in 2021.'),
  ('a0000000-0000-4000-8000-000000000011', 'Kyrgyzstan', 'Managing external labour migration',
   'The Kyrgyz authorities requested support to strengthen their capacities in managing external labour migration and protecting the rights of labour migrants.',
   'demand-driven', 'request', NULL, NULL, 'asia', 'Request following the outreach event of February 2021.'),
  ('a0000000-0000-4000-8000-000000000012', 'Tajikistan', 'Ethical recruitment of labour migrants',
   'Government and civil society stakeholders would like to work on the coordination with private recruitment agencies to ensure ethical recruitment for labour migrants.',
   'demand-driven', 'request', NULL, NULL, 'asia', NULL),
  ('a0000000-0000-4000-8000-000000000013', 'Gran Chaco', 'Environmental migration in the Gran Chaco',
   'The first regional Action: policy and management tools to better coordinate environmental migration, with 10 partners from local and national governments, civil society networks and associations, regional organisations and academic institutes.',
   'regional', 'preparation', NULL, NULL, 'lac', 'The Action with the most partners since the beginning of MIEUX.'),
  ('a0000000-0000-4000-8000-000000000014', 'Ecuador II', 'Ecuador II',
   NULL, NULL, 'completed', NULL, NULL, 'lac', NULL),
  ('a0000000-0000-4000-8000-000000000015', 'Cameroon', 'Improving migration management',
   'Enhancing the internal capacities of the Ministry of External Relations to improve migration management, in a country without a national migration policy and with thousands of returnees.',
   'demand-driven', 'preparation', NULL, NULL, 'wca', NULL);

UPDATE action SET builds_on = (SELECT id FROM action WHERE code = 'Ecuador II') WHERE code = 'Gran Chaco';

INSERT INTO action_text (action, lang, title)
  SELECT id, 'fr', t.fr FROM action JOIN (
    SELECT 'Kazakhstan' AS code, 'Droits des enfants migrants et de leurs familles' AS fr, 'Derechos de la niñez migrante y de sus familias' AS es UNION ALL
    SELECT 'Mauritius', 'Lutte contre la traite des êtres humains', 'Lucha contra la trata de seres humanos' UNION ALL
    SELECT 'COMESA', 'Lignes directrices COVID-19 sur la mobilité humaine et le commerce', 'Directrices COVID-19 sobre movilidad humana y comercio' UNION ALL
    SELECT 'MIRPS', 'Protection internationale en Amérique centrale et au Mexique', 'Protección internacional en Centroamérica y México' UNION ALL
    SELECT 'Dominican Republic', 'Gestion des frontières', 'Gestión de fronteras' UNION ALL
    SELECT 'Costa Rica', 'La migration en temps de crise', 'La migración en tiempos de crisis' UNION ALL
    SELECT 'Benin', 'Données sur la migration environnementale', 'Datos sobre migración por causas ambientales' UNION ALL
    SELECT 'Brazil', 'Information des demandeurs d’asile', 'Información para solicitantes de asilo' UNION ALL
    SELECT 'Ukraine II', 'Intégration des réfugiés et des bénéficiaires de la protection subsidiaire', 'Integración de personas refugiadas y beneficiarias de protección subsidiaria' UNION ALL
    SELECT 'Kyrgyzstan', 'Gestion de la migration de travail à l’étranger', 'Gestión de la migración laboral al exterior' UNION ALL
    SELECT 'Tajikistan', 'Recrutement éthique des travailleurs migrants', 'Contratación ética de trabajadores migrantes' UNION ALL
    SELECT 'Gran Chaco', 'La migration environnementale dans le Gran Chaco', 'La migración por causas ambientales en el Gran Chaco' UNION ALL
    SELECT 'Cameroon', 'Améliorer la gestion des migrations', 'Mejorar la gestión de la migración'
  ) AS t USING (code);
INSERT INTO action_text (action, lang, title)
  SELECT id, 'es', t.es FROM action JOIN (
    SELECT 'Kazakhstan' AS code, 'Derechos de la niñez migrante y de sus familias' AS es UNION ALL
    SELECT 'Mauritius', 'Lucha contra la trata de seres humanos' UNION ALL
    SELECT 'COMESA', 'Directrices COVID-19 sobre movilidad humana y comercio' UNION ALL
    SELECT 'MIRPS', 'Protección internacional en Centroamérica y México' UNION ALL
    SELECT 'Dominican Republic', 'Gestión de fronteras' UNION ALL
    SELECT 'Costa Rica', 'La migración en tiempos de crisis' UNION ALL
    SELECT 'Benin', 'Datos sobre migración por causas ambientales' UNION ALL
    SELECT 'Brazil', 'Información para solicitantes de asilo' UNION ALL
    SELECT 'Ukraine II', 'Integración de personas refugiadas y beneficiarias de protección subsidiaria' UNION ALL
    SELECT 'Kyrgyzstan', 'Gestión de la migración laboral al exterior' UNION ALL
    SELECT 'Tajikistan', 'Contratación ética de trabajadores migrantes' UNION ALL
    SELECT 'Gran Chaco', 'La migración por causas ambientales en el Gran Chaco' UNION ALL
    SELECT 'Cameroon', 'Mejorar la gestión de la migración'
  ) AS t USING (code);

INSERT INTO action_country (action, country)
  SELECT a.id, c.value FROM action a JOIN (
    SELECT 'Kazakhstan' AS code, '["KZ"]' AS list UNION ALL
    SELECT 'Mauritius', '["MU"]' UNION ALL
    -- The COMESA Member States in 2021.
    SELECT 'COMESA', '["BI","KM","CD","DJ","EG","ER","SZ","ET","KE","LY","MG","MW","MU","RW","SC","SO","SD","TN","UG","ZM","ZW"]' UNION ALL
    -- The MIRPS countries: Mexico and Central America.
    SELECT 'MIRPS', '["MX","BZ","CR","SV","GT","HN","PA"]' UNION ALL
    SELECT 'Dominican Republic', '["DO"]' UNION ALL
    SELECT 'Costa Rica', '["CR"]' UNION ALL
    SELECT 'Benin', '["BJ"]' UNION ALL
    SELECT 'Brazil', '["BR"]' UNION ALL
    SELECT 'Ukraine II', '["UA"]' UNION ALL
    SELECT 'Georgia', '["GE"]' UNION ALL
    SELECT 'Kyrgyzstan', '["KG"]' UNION ALL
    SELECT 'Tajikistan', '["TJ"]' UNION ALL
    SELECT 'Gran Chaco', '["AR","BO","PY"]' UNION ALL
    SELECT 'Ecuador II', '["EC"]' UNION ALL
    SELECT 'Cameroon', '["CM"]'
  ) AS l ON l.code = a.code, json_each (l.list) AS c;

INSERT INTO action_theme (action, theme)
  SELECT a.id, t.value FROM action a JOIN (
    SELECT 'Kazakhstan' AS code, '["rights"]' AS list UNION ALL
    SELECT 'Mauritius', '["trafficking"]' UNION ALL
    SELECT 'COMESA', '["trade","health","border"]' UNION ALL
    SELECT 'MIRPS', '["protection"]' UNION ALL
    SELECT 'Dominican Republic', '["border"]' UNION ALL
    SELECT 'Costa Rica', '["protection","health"]' UNION ALL
    SELECT 'Benin', '["environment","data"]' UNION ALL
    SELECT 'Brazil', '["protection"]' UNION ALL
    SELECT 'Ukraine II', '["integration"]' UNION ALL
    SELECT 'Kyrgyzstan', '["labour","rights"]' UNION ALL
    SELECT 'Tajikistan', '["recruitment","labour"]' UNION ALL
    SELECT 'Gran Chaco', '["environment"]' UNION ALL
    SELECT 'Ecuador II', '["environment"]' UNION ALL
    SELECT 'Cameroon', '["policy"]'
  ) AS l ON l.code = a.code, json_each (l.list) AS t;

INSERT INTO action_partner (action, partner)
  SELECT a.id, p.id FROM action a, partner p WHERE (a.code, p.name) IN (
    VALUES ('Kazakhstan', 'Human Rights Commissioner of Kazakhstan'),
           ('Kazakhstan', 'Rodnik — Centre for Social and Psychological Rehabilitation'),
           ('COMESA', 'COMESA Secretariat'),
           ('MIRPS', 'UNHCR'),
           ('Dominican Republic', 'National Institute for Migration (INM)'),
           ('Brazil', 'Public Defenders’ Office (DPU)'),
           ('Cameroon', 'Ministry of External Relations of Cameroon'));

INSERT INTO activity (uuid, action, kind, format, start_date, end_date, place, participants, description)
  SELECT l.uuid, a.id, l.kind, l.format, l.start_date, l.end_date, l.place, l.participants, l.description
  FROM action a JOIN (
    SELECT 'b0000000-0000-4000-8000-000000000001' AS uuid, 'Mauritius' AS code, 'needs-assessment' AS kind, NULL AS format, '2021-11' AS start_date, NULL AS end_date, NULL AS place, NULL AS participants, 'Capacity and training needs assessment of the national authorities.' AS description UNION ALL
    SELECT 'b0000000-0000-4000-8000-000000000002', 'COMESA', 'webinar', 'online', '2021', NULL, NULL, NULL, 'Regional webinar on COVID-19 and its implications on border management, co-organised with the COMESA Secretariat, with ECOWAS and EU experts.' UNION ALL
    SELECT 'b0000000-0000-4000-8000-000000000003', 'COMESA', 'workshop', NULL, '2021-10-19', '2021-10-20', NULL, NULL, 'Regional workshop.' UNION ALL
    SELECT 'b0000000-0000-4000-8000-000000000004', 'MIRPS', 'round-table', NULL, '2021', NULL, NULL, 80, 'Round tables in the MIRPS Support Platform with more than 80 participants.' UNION ALL
    SELECT 'b0000000-0000-4000-8000-000000000005', 'Dominican Republic', 'webinar', 'online', '2021', NULL, NULL, 100, 'Series of webinars with experts from Austria, Spain and ICMPD, for more than 100 officials.' UNION ALL
    SELECT 'b0000000-0000-4000-8000-000000000006', 'Costa Rica', 'exchange', 'online', '2021', NULL, NULL, NULL, 'Knowledge-exchange session, part 1, with EU and regional experts.' UNION ALL
    SELECT 'b0000000-0000-4000-8000-000000000007', 'Costa Rica', 'exchange', 'online', '2021', NULL, NULL, NULL, 'Knowledge-exchange session, part 2, with EU and regional experts.' UNION ALL
    SELECT 'b0000000-0000-4000-8000-000000000008', 'Costa Rica', 'exchange', 'online', '2021', NULL, NULL, NULL, 'Knowledge-exchange session, part 3, with EU and regional experts.' UNION ALL
    SELECT 'b0000000-0000-4000-8000-000000000009', 'Benin', 'workshop', NULL, '2021', NULL, NULL, NULL, 'Workshop to facilitate the discussions now being translated into data management tools.' UNION ALL
    SELECT 'b0000000-0000-4000-8000-000000000010', 'Ukraine II', 'on-site-mission', 'on-site', '2021-10', NULL, NULL, NULL, 'Kick-off on-site mission to assess the partners’ capacity and training needs on integration.'
  ) AS l ON l.code = a.code;

INSERT INTO output (uuid, action, kind, title)
  SELECT l.uuid, a.id, l.kind, l.title FROM action a JOIN (
    SELECT 'c0000000-0000-4000-8000-000000000001' AS uuid, 'Kazakhstan' AS code, 'campaign' AS kind, 'Information campaign for migrant families and their children on their rights and integration opportunities' AS title UNION ALL
    SELECT 'c0000000-0000-4000-8000-000000000002', 'Costa Rica', 'protocol', 'Protocol to assist asylum seekers and migrants entering or transiting the country in times of crisis' UNION ALL
    SELECT 'c0000000-0000-4000-8000-000000000003', 'Brazil', 'video', 'Videos on the asylum interview process'
  ) AS l ON l.code = a.code;
