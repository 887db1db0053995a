/** Word lists for realistic demo data. Order matters: changing it changes every generated row. */
export const FIRST_NAMES = [
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
  "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
  "Christopher", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Margaret", "Mark", "Sandra",
  "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily", "Andrew", "Donna", "Joshua", "Michelle",
  "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "George", "Deborah", "Timothy", "Stephanie",
  "Ronald", "Rebecca", "Jason", "Sharon", "Edward", "Laura", "Jeffrey", "Cynthia", "Ryan", "Amy",
  "Jacob", "Kathleen", "Gary", "Angela", "Nicholas", "Shirley", "Eric", "Brenda", "Jonathan", "Emma",
  "Luis", "Maria", "Carlos", "Sofia", "Wei", "Mei", "Arjun", "Priya", "Omar", "Fatima", "Hiroshi", "Yuki",
];

export const LAST_NAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
  "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
  "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
  "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
  "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
  "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper",
  "Chen", "Wang", "Patel", "Kim", "Tanaka", "Khan", "Singh", "Okafor", "Novak", "Schmidt",
];

export const COMPANY_WORDS = [
  "Acme", "Blue Ridge", "Summit", "Harbor", "Pioneer", "Evergreen", "Redwood", "Cascade", "Lakeside", "Granite",
  "Silver Oak", "Northwind", "Sunrise", "Coastal", "Prairie", "Keystone", "Liberty", "Orchard", "Maple", "Riverbend",
];

export const COMPANY_SUFFIXES = ["LLC", "Inc.", "Co.", "Group", "Partners", "Supply", "Dental", "Auto Repair", "Bakery", "Consulting"];

export const STREET_NAMES = [
  "Main St", "Oak Ave", "Pine St", "Maple Ave", "Cedar Ln", "Elm St", "Washington Blvd", "Lake Dr", "Hill Rd",
  "Park Ave", "Sunset Blvd", "2nd St", "3rd Ave", "Church St", "Mill Rd", "River Rd", "Highland Ave", "Spring St",
];

/** City, state, ZIP prefix, phone area code. */
export const CITIES: ReadonlyArray<readonly [string, string, string, string]> = [
  ["Los Angeles", "CA", "900", "213"], ["San Diego", "CA", "921", "619"], ["Sacramento", "CA", "958", "916"],
  ["Phoenix", "AZ", "850", "602"], ["Denver", "CO", "802", "303"], ["Austin", "TX", "787", "512"],
  ["Dallas", "TX", "752", "214"], ["Houston", "TX", "770", "713"], ["Chicago", "IL", "606", "312"],
  ["Seattle", "WA", "981", "206"], ["Portland", "OR", "972", "503"], ["Atlanta", "GA", "303", "404"],
  ["Miami", "FL", "331", "305"], ["Orlando", "FL", "328", "407"], ["New York", "NY", "100", "212"],
  ["Boston", "MA", "021", "617"], ["Philadelphia", "PA", "191", "215"], ["Columbus", "OH", "432", "614"],
  ["Nashville", "TN", "372", "615"], ["Minneapolis", "MN", "554", "612"], ["Salt Lake City", "UT", "841", "801"],
];

export const PRODUCTS = [
  "Monthly service plan", "Annual membership", "Consultation", "Repair service", "Replacement parts",
  "Online order", "Gift card", "Subscription renewal", "Catering order", "Equipment rental",
  "Cleaning service", "Lesson package", "Event tickets", "Delivery fee", "Custom order",
];
