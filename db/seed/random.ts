/** A small seeded PRNG (mulberry32): the same seed gives the same institution every time. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
    chance: (p: number) => next() < p,
    normal: (mean: number, sd: number) => {
      const u = Math.max(next(), 1e-9);
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}

export const FIRST_NAMES = [
  "Aarav",
  "Vivaan",
  "Aditya",
  "Vihaan",
  "Arjun",
  "Sai",
  "Reyansh",
  "Ayaan",
  "Krishna",
  "Ishaan",
  "Rohan",
  "Kabir",
  "Dhruv",
  "Aryan",
  "Karthik",
  "Ananya",
  "Diya",
  "Saanvi",
  "Aadhya",
  "Pari",
  "Anika",
  "Navya",
  "Myra",
  "Sara",
  "Ira",
  "Meera",
  "Kavya",
  "Riya",
  "Tara",
  "Nisha",
  "Farhan",
  "Zoya",
  "Imran",
  "Ayesha",
  "Joseph",
  "Maria",
  "Gurpreet",
  "Harleen",
  "Tenzin",
  "Lhamo",
  "Rahul",
  "Sneha",
  "Vikram",
  "Pooja",
  "Nikhil",
  "Shreya",
] as const;
export const LAST_NAMES = [
  "Sharma",
  "Verma",
  "Iyer",
  "Nair",
  "Reddy",
  "Patel",
  "Shah",
  "Mehta",
  "Gupta",
  "Singh",
  "Kaur",
  "Das",
  "Bose",
  "Chatterjee",
  "Banerjee",
  "Khan",
  "Qureshi",
  "D'Souza",
  "Fernandes",
  "Pillai",
  "Menon",
  "Rao",
  "Joshi",
  "Kulkarni",
  "Deshpande",
  "Naidu",
  "Hegde",
  "Sethi",
  "Bhat",
  "Mishra",
] as const;
export const CITIES = [
  ["Pune", "Maharashtra"],
  ["Bengaluru", "Karnataka"],
  ["Chennai", "Tamil Nadu"],
  ["Hyderabad", "Telangana"],
  ["Jaipur", "Rajasthan"],
  ["Udaipur", "Rajasthan"],
  ["Kochi", "Kerala"],
  ["Lucknow", "Uttar Pradesh"],
] as const;
