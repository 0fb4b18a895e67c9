-- The server kit's data commands for Prosody (ETHORA_KIT_PROFILE=prosody). server/prosody.mjs copies
-- this file into the profile's state folder and runs one function per call through Prosody's admin
-- socket (mod_admin_shell, Lua in the server's global environment), with its arguments as JSON:
-- what ejabberd's admin HTTP API does for the other profiles (users, rooms, affiliations, archived
-- messages, contacts, bookmarks, ending sessions).
local st = require "util.stanza";
local jid_util = require "util.jid";
local usermanager = require "core.usermanager";
local storagemanager = require "core.storagemanager";
local rostermanager = require "core.rostermanager";
local new_id = require "util.id".medium;

local K = {};

local function muc_service(host)
	local h = prosody.hosts[host];
	assert(h and h.modules.muc, "no MUC service " .. tostring(host));
	return h.modules.muc;
end

local function room_of(room_jid)
	local _, host = jid_util.split(room_jid);
	local room = muc_service(host).get_room_from_jid(room_jid);
	assert(room, "no room " .. room_jid);
	return room;
end

--- { user, host, password } -> { created }: creates the account, or sets its password if it exists.
function K.register(a)
	if usermanager.user_exists(a.user, a.host) then
		assert(usermanager.set_password(a.user, a.password, a.host, nil));
		return { created = false };
	end
	assert(usermanager.create_user(a.user, a.password, a.host));
	return { created = true };
end

--- { user, host, password } -> { ok }: whether the password signs the user in.
function K.check_password(a)
	return { ok = usermanager.test_password(a.user, a.host, a.password) == true };
end

--- { user, host, fn }: the user's vCard (vcard-temp, mod_vcard) with a full name.
function K.set_vcard(a)
	local vcard = st.stanza("vCard", { xmlns = "vcard-temp" }):text_tag("FN", a.fn);
	assert(storagemanager.open(a.host, "vcard"):set(a.user, st.preserialize(vcard)));
	return {};
end

--- { jid, title, description, public, members_only, moderated } -> { created }: a persistent,
--- archived room showing real JIDs, created unlocked (no join, so no status 201), or re-configured.
function K.create_room(a)
	local _, host = jid_util.split(a.jid);
	local service = muc_service(host);
	local room = service.get_room_from_jid(a.jid);
	local created = false;
	if not room then
		room = assert(service.create_room(a.jid));
		created = true;
	end
	room:set_name(a.title ~= "" and a.title or nil);
	room:set_description(a.description ~= "" and a.description or nil);
	room:set_persistent(true);
	room:set_public(a.public);
	room:set_members_only(a.members_only);
	room:set_moderated(a.moderated);
	room:set_whois("anyone");
	room._data.archiving = true;
	room:save(true);
	return { created = created };
end

--- { room, jid, affiliation }: owner | admin | member | outcast | none.
function K.set_affiliation(a)
	local affiliation = a.affiliation ~= "none" and a.affiliation or nil;
	assert(room_of(a.room):set_affiliation(true, a.jid, affiliation));
	return {};
end

--- { room, from, nick, bodies }: groupchat messages from `from` (bare JID) as `nick`, relayed to the
--- occupants and archived (MAM) like a client's, without a session of that user.
function K.send_messages(a)
	local room = room_of(a.room);
	for _, body in ipairs(a.bodies) do
		local message = st.message({ type = "groupchat", from = a.room .. "/" .. a.nick, id = new_id() })
			:text_tag("body", body)
			:tag("x", { xmlns = "http://jabber.org/protocol/muc#user" })
				:tag("item", { jid = a.from, affiliation = room:get_affiliation(a.from) or "none", role = "participant" }):up()
			:up();
		room:broadcast_message(message);
	end
	return { sent = #a.bodies };
end

--- { jid }: ends every session of the user (bare JID); their stream-management state goes with them
--- (pre-session-close revokes the resumption token), so the next connect is a new session.
function K.kick(a)
	local closed = 0;
	for full, session in pairs(prosody.full_sessions) do
		if jid_util.bare(full) == a.jid then
			session:close({ condition = "policy-violation", text = "Session ended by the server kit" });
			closed = closed + 1;
		end
	end
	return { closed = closed };
end

--- { a, b }: each in the other's roster, subscription both.
function K.add_contacts(a)
	for _, pair in ipairs({ { a.a, a.b }, { a.b, a.a } }) do
		local user, host = jid_util.split(pair[1]);
		local roster = assert(rostermanager.load_roster(user, host));
		roster[pair[2]] = { subscription = "both", name = (jid_util.split(pair[2])), groups = { Contacts = true } };
		assert(rostermanager.save_roster(user, host, roster, pair[2]));
	end
	return {};
end

--- { jid, room, name, nick, autojoin }: a XEP-0402 bookmark of the room in the user's PEP
--- (mod_bookmarks also answers XEP-0048 clients from it), as a client would publish it.
function K.bookmark(a)
	local user, host = jid_util.split(a.jid);
	local service = prosody.hosts[host].modules.pep.get_pep_service(user);
	local item = st.stanza("item", { xmlns = "http://jabber.org/protocol/pubsub", id = a.room })
		:tag("conference", { xmlns = "urn:xmpp:bookmarks:1", name = a.name, autojoin = a.autojoin and "true" or "false" })
			:text_tag("nick", a.nick)
		:up();
	assert(service:publish("urn:xmpp:bookmarks:1", a.jid, a.room, item, {
		["persist_items"] = true; ["max_items"] = "max"; ["send_last_published_item"] = "never"; ["access_model"] = "whitelist";
	}));
	return {};
end

return K;
