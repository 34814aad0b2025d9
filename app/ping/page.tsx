import { connection } from "next/server";

// A bare dynamic page: the benchmark's yardstick for what this machine serves per second.
export default async function Ping() {
  await connection();
  return <p>ok</p>;
}
