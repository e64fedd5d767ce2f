import { mutation } from "@/lib/api/mutation";
import { deleteUser } from "@/lib/users/delete-user";
import { updateUser } from "@/lib/users/update-user";
import { noInput, updateUserInput } from "@/lib/users/user-input";

export const dynamic = "force-dynamic";

export const PATCH = mutation<typeof updateUserInput, { userId: string }>("PATCH /api/v1/users/[userId]", { action: "user.update", input: updateUserInput, run: updateUser });

export const DELETE = mutation<typeof noInput, { userId: string }>("DELETE /api/v1/users/[userId]", { action: "user.delete", input: noInput, run: deleteUser });
