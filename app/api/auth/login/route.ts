import { mutation } from "@/lib/api/mutation";
import { checkLoginPassword, login, loginInput } from "@/lib/auth/login";

export const dynamic = "force-dynamic";

export const POST = mutation("POST /api/auth/login", { action: "login", input: loginInput, precheck: checkLoginPassword, run: login });
