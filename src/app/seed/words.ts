/**
 * Word lists for believable names, written for this project. Each list is one `|`-separated
 * string (names may contain spaces); legal forms and their weights are `form:weight`.
 */
const list = (text: string): readonly string[] => text.split('|').map((word) => word.trim());

const weighted = (text: string): readonly (readonly [string, number])[] =>
  list(text).map((item) => {
    const at = item.lastIndexOf(':');
    return [item.slice(0, at), Number(item.slice(at + 1))] as const;
  });

export const FIRST_NAMES: Record<string, readonly string[]> = {
  en: list(`Oliver|Amelia|George|Isla|Harry|Emily|Jack|Sophie|James|Grace|Thomas|Chloe|William|Lucy|Daniel|
    Hannah|Samuel|Ella|Michael|Olivia|Sarah|David|Emma|Liam|Noah|Ava|Ethan|Mia|Aoife|Ciarán|Priya|Marcus`),
  de: list(`Lukas|Anna|Leon|Lena|Felix|Laura|Jonas|Julia|Maximilian|Marie|Paul|Sophie|Tobias|Katharina|Jürgen|
    Sabine|Uwe|Birgit|Matthias|Petra`),
  fr: list(`Camille|Léa|Manon|Chloé|Inès|Louis|Gabriel|Hugo|Lucas|Jules|Théo|Élodie|François|Hélène|Mathieu|
    Nathalie|Sébastien|Amélie`),
  nl: list('Daan|Sem|Lucas|Emma|Julia|Tess|Sanne|Bram|Lotte|Thijs|Femke|Jeroen'),
  es: list('Lucía|Sofía|Martina|María|Hugo|Mateo|Martín|Pablo|Alejandro|Javier|Carmen|Elena'),
  sv: list('Alice|Maja|Elsa|Astrid|William|Liam|Hugo|Oscar|Lars|Karin|Ingrid|Björn|Sven|Anna'),
  ja: list('Haruto|Yuto|Sota|Yui|Hina|Aoi|Yuki|Kenji|Akiko|Takeshi|Naoko|Hiroshi|Sakura|Ren'),
};

export const LAST_NAMES: Record<string, readonly string[]> = {
  en: list(`Smith|Jones|Taylor|Brown|Williams|Wilson|Evans|Thomas|Johnson|Roberts|Walker|Wright|Robinson|
    Thompson|White|Hughes|Murphy|Kelly|O'Brien|Byrne|Garcia|Miller|Davis|Martinez|Anderson|Nguyen|Patel|Khan|
    Clarke|Lewis`),
  de: list(`Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Schulz|Hoffmann|Schäfer|Koch|Bauer|
    Richter|Klein|Wolf|Schröder|Neumann|Schwarz|Zimmermann|Braun|Krüger|Hartmann|Lange|Weiß`),
  fr: list(`Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|Simon|Laurent|Lefèvre|Michel|
    Fournier|Girard|Bonnet|Dupont|Lambert`),
  nl: list(
    'de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos',
  ),
  es: list(`García|Fernández|González|Rodríguez|López|Martínez|Sánchez|Pérez|Gómez|Jiménez|Ruiz|Hernández|Díaz|
    Moreno|Muñoz|Álvarez|Ortega|Navarro`),
  sv: list(
    'Andersson|Johansson|Karlsson|Nilsson|Eriksson|Larsson|Olsson|Persson|Svensson|Gustafsson|Lindqvist|Åberg',
  ),
  ja: list('Sato|Suzuki|Takahashi|Tanaka|Watanabe|Ito|Yamamoto|Nakamura|Kobayashi|Kato|Yoshida|Yamada'),
};

/** The first half of a company name: places, nature, family names. */
export const STEMS: Record<string, readonly string[]> = {
  en: list(`Harbour|Northgate|Brightwater|Oakfield|Riverside|Kingsbridge|Ashford|Redhill|Silverline|Meadowbank|
    Stonebridge|Westfield|Highland|Greenway|Lakeside|Cedar Ridge|Blue Anchor|Summit|Granite|Beacon|Foxglove|
    Copperleaf|Ironwood|Millbrook|Elmstead`),
  de: list(`Rheinland|Nordlicht|Alpen|Elbe|Spree|Isar|Schwarzwald|Harz|Bodensee|Müller|Becker|Hoffmann|Wagner|
    Krüger|Brandt|Sonnenberg|Lindenhof`),
  fr: list(
    'Lumière|Horizon|Bellevue|Provence|Azur|Étoile|Riviera|Grand Chêne|Montagne|Martin|Dubois|Moreau|Lefèvre',
  ),
  nl: list('de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Visser|Polder|Noordzee|Molen'),
  es: list('García|Ortega|Navarro|Sol|Mediterráneo|Castilla|Ibérica|Romero|Sierra'),
  sv: list('Norrsken|Fjäll|Skog|Sjö|Björk|Älv|Granit|Vind|Lindqvist|Berg'),
  ja: list('Sakura|Hoshino|Yamato|Fuji|Midori|Asahi|Kawasaki|Tanaka|Nishimura|Aoba'),
};

/** The trade half of a company name. */
export const TRADES: Record<string, readonly string[]> = {
  en: list(`Freight|Joinery|Dental|Logistics|Print|Engineering|Catering|Plumbing|Electrical|Software|Design|
    Bakery|Motors|Builders|Landscaping|Consulting|Supplies|Packaging|Analytics|Interiors|Veterinary|Media|
    Textiles|Hardware|Brewing`),
  de: list(`Maschinenbau|Logistik|Druck|Elektrotechnik|Bau|Holzbau|Software|Medizintechnik|Metallbau|Gartenbau|
    Spedition|Feinkost|Sanitär|Steuerberatung`),
  fr: list(
    'Transports|Imprimerie|Menuiserie|Conseil|Électricité|Bâtiment|Boulangerie|Informatique|Distribution|Paysages',
  ),
  nl: list('Bouw|Transport|Installatietechniek|Drukkerij|Techniek|Advies|Logistiek|Bloemen'),
  es: list('Construcciones|Transportes|Distribuciones|Talleres|Gráficas|Ingeniería|Suministros'),
  sv: list('Bygg|Transport|Data|El|Måleri|Konsult|Tryck|Snickeri'),
  ja: list('Kogyo|Shoji|Trading|Seisakusho|Logistics|Denki|Kensetsu|Foods'),
};

/** Legal forms per country (CH_FR: French-speaking Switzerland), weighted by how common they are. */
export const LEGAL_FORMS: Record<string, readonly (readonly [string, number])[]> = {
  GB: weighted('Ltd:80|LLP:8|& Sons Ltd:7|PLC:3'),
  IE: weighted('Ltd:85|DAC:15'),
  US: weighted('LLC:50|Inc.:35|Co.:10|Group Inc.:5'),
  DE: weighted('GmbH:65|GmbH & Co. KG:20|AG:5|e.K.:5|UG (haftungsbeschränkt):5'),
  CH: weighted('AG:55|GmbH:40|SA:5'),
  CH_FR: weighted('SA:60|Sàrl:40'),
  FR: weighted('SARL:45|SAS:45|SA:10'),
  NL: weighted('B.V.:85|V.O.F.:15'),
  ES: weighted('S.L.:85|S.A.:15'),
  SE: weighted('AB:90|HB:10'),
  JP: weighted('Co., Ltd.:60|K.K.:40'),
};

/** Public bodies (councils, hospitals, schools, utilities); `{city}` is the customer's city. */
export const PUBLIC_BODIES: Record<string, readonly string[]> = {
  GB: list('{city} City Council|NHS {city} Trust|{city} Academy Trust'),
  IE: list('{city} City Council|{city} Education and Training Board'),
  US: list('City of {city}|{city} Public Schools|{city} Water Department'),
  DE: list('Stadtwerke {city}|Stadtverwaltung {city}|Universitätsklinikum {city}'),
  CH: list('Stadt {city}|Kantonsspital {city}'),
  CH_FR: list('Ville de {city}|Hôpital cantonal de {city}'),
  FR: list('Mairie de {city}|Centre hospitalier de {city}|Métropole de {city}'),
  NL: list('Gemeente {city}|Hogeschool {city}'),
  ES: list('Ayuntamiento de {city}|Hospital Universitario de {city}'),
  SE: list('{city} kommun|Region {city}'),
  JP: list('{city} City Office'),
};

/** Street names per address style (`us` and `ch` differ from their language's). */
export const STREETS: Record<string, readonly string[]> = {
  en: list(`High Street|Station Road|Mill Lane|Church Street|Victoria Road|Park Avenue|Queen Street|Harbour Way|
    Bridge Street|Orchard Close|Kingsway|Meadow Road`),
  us: list(`Main Street|Maple Avenue|Oak Street|Washington Boulevard|Elm Street|Lakeview Drive|Pine Street|
    Sunset Boulevard|Cedar Lane|Market Street`),
  de: list(`Hauptstraße|Bahnhofstraße|Gartenweg|Lindenallee|Schillerstraße|Goethestraße|Am Markt|Industriestraße|
    Mühlenweg|Friedrichstraße`),
  ch: list('Bahnhofstrasse|Seestrasse|Kirchgasse|Dorfstrasse|Zürichstrasse'),
  fr: list(`rue de la République|avenue Victor Hugo|rue du Moulin|boulevard Voltaire|rue des Lilas|
    place de la Gare|rue Pasteur|avenue Jean Jaurès`),
  nl: list('Kerkstraat|Dorpsstraat|Molenweg|Stationsweg|Prinsengracht|Hoofdstraat'),
  es: list('Calle Mayor|Calle de Alcalá|Gran Vía|Calle del Sol|Avenida de la Paz|Calle Real'),
  sv: list('Storgatan|Drottninggatan|Kungsgatan|Vasagatan|Sveavägen|Skolgatan'),
  ja: list('Marunouchi|Nishi-Shinjuku|Jingumae|Umeda|Sakae|Shijo-dori'),
};
